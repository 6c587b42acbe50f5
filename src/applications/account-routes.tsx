// The citizen's applications in their account: list, detail with status history and documents,
// continuing a draft on any device, and claiming an application made without an account.
// Every route looks the application up by id *and* account: someone else's id is a plain 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { citizenOr, type LinkTokens, type Session } from '../account/index.ts';
import { type FormVersions, firstIncompleteStep, plainText, summarise } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { isEmailAddress } from '../platform/email.ts';
import { sendDownload } from '../platform/http/download.ts';
import { formContext, noStore } from '../platform/http/pages.ts';
import { HttpError } from '../platform/http/problem.ts';
import { formatDay, formatMoment, translator } from '../platform/i18n/index.ts';
import { queueMail } from '../platform/mail/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import { sendPage } from '../platform/views/render.ts';
import { cookieName } from './access.ts';
import type { ApplicationService } from './service.ts';
import * as store from './store.ts';
import { ApplicationDetailPage } from './views/application-detail.tsx';
import { ClaimPage } from './views/claim.tsx';
import { type ApplicationRow, MyApplicationsPage } from './views/my-applications.tsx';

export interface AccountRouteDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  blobs: BlobStore;
  service: ApplicationService;
  tokens: LinkTokens;
  cookieSecure: boolean;
  wake: () => void;
}

type IdParams = { Params: { id: string } };
const notFound = () => new HttpError(404, 'not-found', 'Not found');

export function registerAccountApplicationRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  const { db, forms, service } = deps;

  async function rowOf(s: store.OwnedSummary, lang: 'de' | 'en'): Promise<ApplicationRow> {
    const form = await forms.get(s.formId, s.formVersion);
    return {
      id: s.id,
      title: form ? plainText(form.definition.title, lang) : s.formId,
      reference: s.reference,
      status: s.status,
      date: formatDay(s.submittedAt ?? s.updatedAt, lang),
      expires: s.expiresAt ? formatDay(s.expiresAt, lang) : undefined,
    };
  }

  /** The citizen's own application, or 404 (also for ids of other citizens). */
  async function ownOr404(request: FastifyRequest<IdParams>, session: Session) {
    const found = await store.findApplication(db, request.params.id);
    if (!found || found.accountId !== session.accountId) throw notFound();
    if (found.status === 'draft' && found.expiresAt && found.expiresAt < new Date()) throw notFound();
    const form = await forms.get(found.formId, found.formVersion);
    if (!form) throw notFound();
    return { app: found, form };
  }

  app.get('/konto/antraege', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const rows = await Promise.all((await store.applicationsOf(db, session.accountId)).map((s) => rowOf(s, request.lang)));
    return sendPage(noStore(reply), <MyApplicationsPage ctx={request.viewContext()} rows={rows} />);
  });

  app.get<IdParams>('/konto/antraege/:id', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { app: found, form } = await ownOr404(request, session);
    const summary = (await store.applicationsOf(db, session.accountId)).find((s) => s.id === found.id);
    if (!summary) throw notFound();
    const uploads = await store.uploadsOf(db, found.id);
    const names = new Map(uploads.map((u) => [u.id, u.filename]));
    const events = await store.eventsOf(db, found.id);
    const onBehalfOf = found.onBehalfOf ? [found.onBehalfOf.name, found.onBehalfOf.register].filter(Boolean).join(', ') : undefined;
    return sendPage(
      noStore(reply),
      <ApplicationDetailPage
        ctx={request.viewContext()}
        app={{ ...(await rowOf(summary, request.lang)), onBehalfOf }}
        events={events.map((e) => ({ status: e.status, note: e.note, at: formatMoment(e.at, request.lang) }))}
        files={uploads.map((u) => ({ id: u.id, filename: u.filename, sizeBytes: u.sizeBytes }))}
        sections={summarise(form.definition, found.answers, { lang: request.lang, uploadName: (r) => names.get(r) ?? r })}
      />,
    );
  });

  app.get<IdParams>('/konto/antraege/:id/fortsetzen', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { app: found, form } = await ownOr404(request, session);
    if (found.status !== 'draft') return reply.redirect(`/konto/antraege/${found.id}`, 303);
    // The bare id opens the draft only together with this account's session (see service.open).
    reply.setCookie(cookieName(found.formId), found.id, { path: `/antrag/${found.formId}`, httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure });
    const open = firstIncompleteStep(form.definition, found.answers);
    return reply.redirect(open ? `/antrag/${found.formId}/schritt/${open}` : `/antrag/${found.formId}/pruefen`, 303);
  });

  app.get<IdParams>('/konto/antraege/:id/eingangsbestaetigung.pdf', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { app: found, form } = await ownOr404(request, session);
    if (found.status !== 'submitted') throw notFound();
    const pdf = await service.receipt(found, form);
    return sendDownload(reply, { filename: `Eingangsbestaetigung-${found.reference}.pdf`, mediaType: 'application/pdf', data: pdf });
  });

  app.get<{ Params: { id: string; uploadId: string } }>('/konto/antraege/:id/dateien/:uploadId', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { app: found } = await ownOr404(request, session);
    const upload = (await store.uploadsOf(db, found.id)).find((u) => u.id === request.params.uploadId);
    const data = upload ? await deps.blobs.get(upload.storageKey) : undefined;
    if (!upload || !data) throw notFound();
    return sendDownload(reply, { filename: upload.filename, mediaType: upload.mediaType, data });
  });

  registerClaimRoutes(app, deps);
}

/**
 * Claiming: the citizen names the reference and the e-mail address given with an application made
 * without an account; a link goes to that address, and following it (signed in) moves the application
 * into the account. The page never tells whether the reference exists.
 */
function registerClaimRoutes(app: FastifyInstance, deps: AccountRouteDeps) {
  const { db } = deps;
  type TokenRoute = { Querystring: { token?: string } };

  app.get('/konto/antraege/uebernehmen', async (request, reply) => {
    const session = citizenOr(request, reply);
    return session ? sendPage(noStore(reply), <ClaimPage ctx={formContext(request, reply)} values={{}} errors={[]} />) : reply;
  });

  app.post('/konto/antraege/uebernehmen', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reference = String(body.reference ?? '')
      .trim()
      .toUpperCase();
    const email = String(body.email ?? '').trim();
    const t = request.t;
    const errors = [
      ...(/^[A-Z]{2,6}-\d{4}-\d{6}$/.test(reference) ? [] : [{ target: 'reference', message: t('claim.error.reference') }]),
      ...(isEmailAddress(email) ? [] : [{ target: 'email', message: t('form.error.email') }]),
    ];
    if (errors.length > 0) return sendPage(noStore(reply), <ClaimPage ctx={formContext(request, reply)} values={{ reference, email }} errors={errors} />, 422);
    const found = await store.findClaimable(db, reference, email);
    if (found) {
      const token = await deps.tokens.issue(session.accountId, 'claim', 24, { applicationId: found.id });
      const mt = translator(request.lang);
      await queueMail(db, {
        to: found.email,
        subject: mt('mail.claim.subject', { reference }),
        body: mt('mail.claim.body', {
          reference,
          url: `${deps.service.settings.publicUrl}/konto/antraege/uebernehmen/bestaetigen?token=${token}`,
          municipality: deps.service.settings.municipality,
        }),
      });
      deps.wake();
    }
    return sendPage(noStore(reply), <ClaimPage ctx={formContext(request, reply)} values={{ reference, email }} errors={[]} sent />);
  });

  app.get<TokenRoute>('/konto/antraege/uebernehmen/bestaetigen', async (request, reply) => {
    const session = citizenOr(request, reply);
    return session
      ? sendPage(noStore(reply), <ClaimPage ctx={formContext(request, reply)} values={{}} errors={[]} confirmToken={request.query.token ?? ''} />)
      : reply;
  });

  app.post<TokenRoute>('/konto/antraege/uebernehmen/bestaetigen', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    // A link asked for by another account does not work here (and stays valid for that account).
    const used = await deps.tokens.use(request.query.token, 'claim', session.accountId);
    const applicationId = used?.payload.applicationId;
    if (!used || !applicationId || !(await store.attachToAccount(db, applicationId, session.accountId))) {
      throw new HttpError(404, 'claim-link-invalid', 'This link is no longer valid');
    }
    return reply.redirect(`/konto/antraege/${applicationId}`, 303);
  });
}
