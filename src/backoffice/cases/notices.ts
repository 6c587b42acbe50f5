// Issuing a Bescheid: the text from the template and the case, a tagged PDF sealed like the receipt,
// stored with its hash, delivered into the postbox (or by mail without an account), the case set to
// "entschieden". An issued notice is never changed; a new one supersedes it, with a reason.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/index.ts';
import type { CaseStatus, Database, NoticeOutcome } from '../../platform/db/schema.ts';
import { formatDay, formatEuro, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { createPdf, type Seal, sealPdf } from '../../platform/pdf/index.ts';
import type { BlobStore } from '../../platform/storage/index.ts';
import { NoPostboxError, type PostboxService } from '../../postbox/index.ts';
import type { CaseRecord } from './store.ts';
import { transition } from './store.ts';
import { fillTemplate, type TemplateValues } from './template.ts';
import { allowedNext, workflowFrom } from './workflow.ts';

/** How an issued notice reached the citizen: postbox, mail, or not electronically (paper: the service sends notices by post; none: no address). */
export type Channel = 'postbox' | 'mail' | 'paper' | 'none';

export interface NoticeDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  postbox: PostboxService;
  seal: () => Promise<Seal>;
  municipality: string;
  wake: () => void;
}

export interface NoticeInput {
  outcome: NoticeOutcome;
  body: string;
  legalRemedy: string;
  feeCents: number;
  /** Set when a notice already exists: why the new one replaces it. */
  supersedeReason?: string;
}

export const NOTICE_OUTCOMES: readonly NoticeOutcome[] = ['bewilligt', 'abgelehnt', 'teilweise'];

/** What placeholders stand for in this case. */
export function templateValues(kase: CaseRecord, municipality: string, feeCents: number): TemplateValues {
  const values: TemplateValues = {
    aktenzeichen: kase.reference ?? '',
    leistung: kase.service_title ?? kase.form_id,
    eingangsdatum: kase.submitted_at ? formatDay(kase.submitted_at, 'de') : '',
    datum: formatDay(new Date(), 'de'),
    'antragsteller.name': kase.on_behalf_of?.name ?? kase.applicant_name,
    behoerde: municipality,
    gebuehr: formatEuro(feeCents, 'de'),
  };
  for (const [id, value] of Object.entries((kase.answers ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') values[`antwort.${id}`] = String(value);
  }
  return values;
}

/** The texts with placeholders filled, or the names of unknown placeholders. */
export function composeNotice(kase: CaseRecord, input: NoticeInput, municipality: string) {
  const values = templateValues(kase, municipality, input.feeCents);
  const body = fillTemplate(input.body, values);
  const remedy = fillTemplate(input.legalRemedy, values);
  return { body: body.text, legalRemedy: remedy.text, unknown: [...new Set([...body.unknown, ...remedy.unknown])] };
}

export function noticeService(deps: NoticeDeps) {
  const { db } = deps;

  async function renderPdf(kase: CaseRecord, composed: { body: string; legalRemedy: string }, input: NoticeInput, issuedAt: Date): Promise<Buffer> {
    const t = translator('de');
    const pdf = createPdf({ title: `${t('bo.notice.pdfTitle')} ${kase.reference}`, lang: 'de', author: deps.municipality, subject: kase.service_title ?? '' });
    pdf.heading(t('bo.notice.pdfTitle'), 1);
    pdf.entry(t('bo.inbox.reference'), kase.reference ?? '');
    pdf.entry(t('bo.notice.date'), formatDay(issuedAt, 'de'));
    pdf.entry(t('bo.inbox.service'), kase.service_title ?? '');
    pdf.entry(t('bo.inbox.applicant'), kase.on_behalf_of?.name ?? kase.applicant_name);
    pdf.entry(t('bo.notice.outcome'), t(`bo.notice.outcome.${input.outcome}`));
    if (input.feeCents > 0) pdf.entry(t('bo.notice.fee'), formatEuro(input.feeCents, 'de'));
    if (input.supersedeReason) pdf.entry(t('bo.notice.supersedes'), input.supersedeReason);
    for (const paragraph of composed.body.split(/\n{2,}/)) if (paragraph.trim()) pdf.paragraph(paragraph.trim());
    pdf.heading(t('bo.notice.legalRemedy'), 2);
    pdf.paragraph(composed.legalRemedy);
    pdf.paragraph(t('bo.notice.sealNote', { municipality: deps.municipality }));
    return sealPdf(await pdf.finish(deps.municipality, t('bo.notice.pdfTitle')), await deps.seal());
  }

  async function issue(kase: CaseRecord, staffId: string, input: NoticeInput): Promise<{ id: string; channel: Channel }> {
    const composed = composeNotice(kase, input, deps.municipality);
    const previous = await db.selectFrom('notices').select('id').where('application_id', '=', kase.id).orderBy('issued_at', 'desc').executeTakeFirst();
    const issuedAt = new Date();
    const data = await renderPdf(kase, composed, input, issuedAt);
    const pdfKey = `notices/${kase.id}/${crypto.randomUUID()}.pdf`;
    const blob = await deps.blobs.put(pdfKey, [data], data.length);
    const { id } = await db
      .insertInto('notices')
      .values({
        application_id: kase.id,
        outcome: input.outcome,
        body: composed.body,
        legal_remedy: composed.legalRemedy,
        fee_cents: input.feeCents,
        pdf_key: pdfKey,
        sha256: blob.sha256,
        issued_by: staffId,
        issued_at: issuedAt,
        supersedes: previous?.id ?? null,
        supersede_reason: previous ? (input.supersedeReason ?? '') : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const current = (kase.case_status ?? 'eingegangen') as CaseStatus;
    const t = translator('de');
    if (allowedNext(current, workflowFrom(kase.workflow)).includes('entschieden'))
      await transition(db, kase.id, current, 'entschieden', staffId, t(`bo.notice.outcome.${input.outcome}`));
    const channel = await deliver(kase, pdfKey, data);
    await audit(db, {
      actorType: 'staff',
      actorId: staffId,
      action: previous ? 'case.notice_superseded' : 'case.notice_issued',
      objectType: 'application',
      objectId: kase.id,
      details: { notice: id, outcome: input.outcome, sha256: blob.sha256, channel, supersedes: previous?.id ?? null, reason: input.supersedeReason ?? null },
    });
    return { id, channel };
  }

  /** Electronically where the service says so (postbox, else mail); otherwise the office posts it. */
  async function deliver(kase: CaseRecord, pdfKey: string, data: Buffer): Promise<Channel> {
    if (kase.notice_to_postbox === false) return 'paper';
    const t = translator('de');
    const filename = `Bescheid-${kase.reference}.pdf`;
    const subject = t('bo.notice.subject', { reference: kase.reference ?? '' });
    const body = t('bo.notice.message', { reference: kase.reference ?? '', service: kase.service_title ?? '', municipality: deps.municipality });
    try {
      await deps.postbox.send({ applicationId: kase.id, kind: 'bescheid', subject, body, attachments: [{ filename, mediaType: 'application/pdf', data }] });
      return 'postbox';
    } catch (error) {
      if (!(error instanceof NoPostboxError)) throw error;
    }
    if (!kase.email) return 'none';
    await queueMail(db, { to: kase.email, subject, body, attachments: [{ filename, blobKey: pdfKey, mediaType: 'application/pdf' }] });
    deps.wake();
    return 'mail';
  }

  return { issue, preview: (kase: CaseRecord, input: NoticeInput) => composeNotice(kase, input, deps.municipality) };
}

export type NoticeService = ReturnType<typeof noticeService>;

export const noticesOf = (db: Kysely<Database>, applicationId: string) =>
  db
    .selectFrom('notices as n')
    .leftJoin('staff_users as u', 'u.id', 'n.issued_by')
    .select(['n.id', 'n.outcome', 'n.issued_at', 'n.fee_cents', 'n.supersedes', 'n.supersede_reason', 'n.pdf_key', 'n.sha256', 'u.name'])
    .where('n.application_id', '=', applicationId)
    .orderBy('n.issued_at')
    .execute();
