// The citizen's application as a set of operations over storage, forms and jobs – no HTTP here.
import type { Kysely } from 'kysely';
import {
  type Answers,
  applicantName,
  type FormVersion,
  type FormVersions,
  firstIncompleteStep,
  type PrefillIdentity,
  prefillAnswers,
  summarise,
} from '../forms/index.ts';
import type { Database, OnBehalfOf } from '../platform/db/schema.ts';
import { formatDay, translator } from '../platform/i18n/index.ts';
import type { Job } from '../platform/jobs/index.ts';
import { queueMail } from '../platform/mail/index.ts';
import type { Seal } from '../platform/pdf/index.ts';
import { newSecret, secretMatches } from '../platform/secrets.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import { taskThread } from '../platform/threads/index.ts';
import { type AccessKey, draftExpiry, formatKey, parseKey } from './access.ts';
import { receiptKeyOf, type renderReceipt, sha256 } from './receipt.ts';
import * as store from './store.ts';

export interface ApplicationSettings {
  municipality: string;
  referencePrefix: string;
  draftDays: number;
  /** Days before expiry a draft's owner is warned by mail. */
  warnDays: number;
  publicUrl: string;
  maxFileBytes: number;
  maxApplicationBytes: number;
}

export interface ApplicationDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  blobs: BlobStore;
  seal: () => Promise<Seal>;
  settings: ApplicationSettings;
  /** Tells the job worker there is work (a receipt to make). */
  wake: () => void;
  /** Runs inside the submission's transaction: what else must happen exactly when it commits (the hand-off outbox). */
  onSubmitted?: store.SubmittedHook;
  now?: () => Date;
}

export interface Owner {
  accountId: string;
  onBehalfOf?: OnBehalfOf;
  /** What an eID sign-in confirmed, to prefill fields marked for it. */
  identity?: PrefillIdentity;
}

const RECEIPT_THREAD_NICE = 10;

export interface OpenApplication {
  app: store.ApplicationRecord;
  form: FormVersion;
}

export function applicationService(deps: ApplicationDeps) {
  const { db, forms, blobs, settings } = deps;
  const now = deps.now ?? (() => new Date());
  // Layout and sealing take tens of milliseconds of CPU: a thread keeps them off the request loop,
  // and at a lower priority than the requests, so a peak of submissions is acknowledged at once and
  // their receipts follow when the peak has passed (a receipt asked for earlier is made on demand).
  const receiptThread = taskThread<Parameters<typeof renderReceipt>, Uint8Array>(new URL('./receipt.ts', import.meta.url).href, 'renderReceipt', {
    nice: RECEIPT_THREAD_NICE,
  });

  /** Starts a draft; a signed-in citizen's draft belongs to their account (and organisation, if they act for one). */
  async function start(form: FormVersion, lang: 'de' | 'en', owner?: Owner): Promise<AccessKey> {
    const { secret, hash } = newSecret();
    const prefill = owner?.identity ? prefillAnswers(form.definition, owner.identity) : undefined;
    const applicationId = await store.createDraft(db, {
      formId: form.formId,
      formVersion: form.version,
      accessHash: hash,
      lang,
      expiresAt: draftExpiry(now(), settings.draftDays),
      accountId: owner?.accountId,
      onBehalfOf: owner?.onBehalfOf,
      answers: prefill?.answers,
      prefilled: prefill?.fields,
    });
    return { applicationId, secret };
  }

  /**
   * The application behind the browser's cookie for this form: an access key (id and secret), or, for
   * a signed-in citizen, the bare id of an application of their account. A draft opened with its key
   * by a signed-in citizen joins their account.
   */
  async function open(formId: string, rawKey: string | undefined, accountId?: string): Promise<OpenApplication | undefined> {
    const key = parseKey(rawKey);
    const id = key?.applicationId ?? (accountId ? rawKey : undefined);
    const app = id ? await store.findApplication(db, id) : undefined;
    if (!app || app.formId !== formId) return undefined;
    const allowed = key ? secretMatches(key.secret, app.accessHash) : app.accountId !== null && app.accountId === accountId;
    if (!allowed) return undefined;
    if (key && accountId && !app.accountId && app.status === 'draft' && (await store.attachToAccount(db, app.id, accountId))) app.accountId = accountId;
    if (app.status === 'draft' && app.expiresAt && app.expiresAt < now()) return undefined;
    const form = await forms.get(app.formId, app.formVersion);
    return form ? { app, form } : undefined;
  }

  /** Saves a draft's answers, which keeps it for another `draftDays`; returns the new expiry. */
  async function save(app: store.ApplicationRecord, answers: Answers): Promise<Date> {
    const expiresAt = draftExpiry(now(), settings.draftDays);
    await store.saveAnswers(db, app.id, answers, expiresAt);
    return expiresAt;
  }

  /** The expiry of a draft that ends within `warnDays`, to warn on its pages. */
  const expiresSoon = (app: store.ApplicationRecord): Date | undefined =>
    app.status === 'draft' && app.expiresAt && app.expiresAt.getTime() - now().getTime() < settings.warnDays * 86_400_000 ? app.expiresAt : undefined;

  async function submit(app: store.ApplicationRecord, form: FormVersion, email: string | null) {
    const name = app.onBehalfOf?.name ?? applicantName(form.definition, app.answers);
    const outcome = await store.submitDraft(
      db,
      { id: app.id, formId: app.formId, answers: app.answers },
      { prefix: settings.referencePrefix, year: now().getUTCFullYear() },
      { email, applicantName: name },
      deps.onSubmitted,
    );
    if (outcome.kind === 'submitted') deps.wake();
    return outcome;
  }

  /** The sealed receipt, made now if the job has not made it yet (both paths store the same way). */
  async function receipt(app: store.ApplicationRecord, form: FormVersion): Promise<Buffer> {
    if (app.receiptKey) {
      const stored = await blobs.get(app.receiptKey);
      if (stored) return stored;
    }
    const uploads = await store.uploadsOf(db, app.id);
    const rendered = await receiptThread.run(form.definition, app, uploads, { municipality: settings.municipality, seal: await deps.seal() });
    const pdf = Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
    const key = receiptKeyOf(app.id);
    const hash = sha256(pdf);
    await blobs.put(key, [pdf], pdf.length);
    await store.setReceipt(db, app.id, key, hash);
    return pdf;
  }

  /** The receipt of a submitted application by id (for the back office, which checked access itself). */
  async function receiptById(id: string): Promise<Buffer | undefined> {
    const app = await store.findApplication(db, id);
    const form = app?.status === 'submitted' ? await forms.get(app.formId, app.formVersion) : undefined;
    return app && form ? receipt(app, form) : undefined;
  }

  async function receiptJob(job: Job): Promise<void> {
    const { applicationId } = job.payload as { applicationId: string };
    const app = await store.findApplication(db, applicationId);
    if (!app || app.status !== 'submitted') return;
    const form = await forms.get(app.formId, app.formVersion);
    if (!form) throw new Error(`form ${app.formId}@${app.formVersion} is missing`);
    const firstTime = !app.receiptKey;
    await receipt(app, form);
    if (firstTime && app.email) await queueConfirmation({ ...app, receiptKey: receiptKeyOf(app.id) }, form);
  }

  async function queueConfirmation(app: store.ApplicationRecord, form: FormVersion): Promise<void> {
    const t = translator(app.lang);
    const def = form.definition;
    const title = app.lang === 'en' && def.title.en ? def.title.en : def.title.de;
    const uploads = await store.uploadsOf(db, app.id);
    const names = new Map(uploads.map((u) => [u.id, u.filename]));
    const lines = summarise(def, app.answers, { lang: app.lang, uploadName: (r) => names.get(r) ?? r }).flatMap((s) => [
      '',
      s.title.toUpperCase(),
      ...s.rows.map((r) => (r.heading ? `${r.label}:` : `${'  '.repeat(r.depth)}${r.label}: ${r.value ?? t('form.notAnswered')}`)),
    ]);
    await queueMail(db, {
      to: app.email as string,
      subject: t('mail.confirmation.subject', { reference: app.reference ?? '', title }),
      body: [t('mail.confirmation.body', { reference: app.reference ?? '', title, municipality: settings.municipality }), ...lines].join('\n'),
      attachments: [{ filename: `Eingangsbestaetigung-${app.reference}.pdf`, blobKey: app.receiptKey as string, mediaType: 'application/pdf' }],
    });
  }

  function resumeUrl(formId: string, key: AccessKey): string {
    return `${settings.publicUrl}/antrag/${formId}/fortsetzen?schluessel=${encodeURIComponent(formatKey(key))}`;
  }

  /** Mails a resume link; the key is the one the citizen already holds. */
  async function sendResumeLink(open: OpenApplication, key: AccessKey, email: string, lang: 'de' | 'en'): Promise<void> {
    const t = translator(lang);
    await store.setDraftContact(db, open.app.id, email, lang);
    const def = open.form.definition;
    const title = lang === 'en' && def.title.en ? def.title.en : def.title.de;
    const expires = draftExpiry(now(), settings.draftDays);
    await queueMail(db, {
      to: email,
      subject: t('mail.resume.subject', { title }),
      body: t('mail.resume.body', {
        title,
        url: resumeUrl(open.app.formId, key),
        date: formatDay(expires, lang),
        municipality: settings.municipality,
      }),
    });
    deps.wake();
  }

  /** Hourly housekeeping: warn owners of drafts about to expire, delete expired drafts and their files. */
  async function sweepDrafts(): Promise<{ warned: number; deleted: number }> {
    const warned = await store.takeDraftsToWarn(db, settings.warnDays, 500);
    for (const d of warned) {
      const t = translator(d.lang);
      await queueMail(db, {
        to: d.email as string,
        subject: t('mail.expiry.subject'),
        body: t('mail.expiry.body', {
          date: formatDay(d.expires_at as Date, d.lang === 'en' ? 'en' : 'de'),
          url: `${settings.publicUrl}/antrag/${d.form_id}`,
        }),
      });
    }
    const expired = await store.expiredDrafts(db, 500);
    await blobs.delete(expired.flatMap((e) => e.keys));
    await store.deleteApplications(
      db,
      expired.map((e) => e.id),
    );
    return { warned: warned.length, deleted: expired.length };
  }

  return {
    settings,
    start,
    open,
    save,
    expiresSoon,
    submit,
    receipt,
    receiptById,
    receiptJob,
    sendResumeLink,
    sweepDrafts,
    nextStep: (o: OpenApplication) => firstIncompleteStep(o.form.definition, o.app.answers),
    close: () => receiptThread.close(),
  };
}

export type ApplicationService = ReturnType<typeof applicationService>;
