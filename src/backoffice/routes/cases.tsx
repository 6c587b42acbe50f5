// Case handling: the inbox and one case with its actions. Every route needs Sachbearbeitung or
// Teamleitung and finds the case only through the staff member's Organisationseinheiten (404
// otherwise); every read of personal data and every change goes to the audit log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type FormVersions, summarise } from '../../forms/index.ts';
import { audit } from '../../platform/audit/index.ts';
import { createCache } from '../../platform/cache.ts';
import type { CaseStatus, Database } from '../../platform/db/schema.ts';
import { canPreview, sendDownload, sendInline } from '../../platform/http/download.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { endOfDayInGermany, formatDay, formatMoment, germanDate } from '../../platform/i18n/index.ts';
import type { BlobStore } from '../../platform/storage/index.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { caseZip } from '../cases/export.ts';
import { auditInboxRead, type InboxQuery, inboxFilter, isOverdue, pageOf } from '../cases/inbox-query.ts';
import { inboxWithCounts } from '../cases/inbox-store.ts';
import { NOTICE_OUTCOMES, type NoticeService, noticesOf } from '../cases/notices.ts';
import type { DocumentRequests } from '../cases/requests.ts';
import * as cases from '../cases/store.ts';
import { DEFAULT_LEGAL_REMEDY, DEFAULT_NOTICE_BODY, formatFee, parseFee } from '../cases/template.ts';
import { allowedNext, isCaseStatus, workflowFrom } from '../cases/workflow.ts';
import { staffOr } from '../http.ts';
import { templatesOf } from '../settings/store.ts';
import type { StaffSession } from '../staff/service.ts';
import { CasePage } from '../views/case.tsx';
import { FilePreviewPage } from '../views/file-preview.tsx';
import { HomePage } from '../views/home.tsx';
import { InboxPage } from '../views/inbox.tsx';
import type { NoticeForm } from '../views/notice-section.tsx';
import { viewerOf } from './users.tsx';

export interface CaseRouteDeps {
  db: Kysely<Database>;
  municipality: string;
  requests: DocumentRequests;
  notices: NoticeService;
  forms: FormVersions;
  blobs: BlobStore;
  /** Renders (or returns the stored) sealed receipt of an application. */
  receipt: (applicationId: string) => Promise<Buffer | undefined>;
}

const notFound = () => new HttpError(404, 'not-found', 'Not found');
const CASE_ROLES = ['sachbearbeitung', 'teamleitung'] as const;

/** The notice form as a template (or, without one, the general text) fills it. */
const noticeFormOf = (template?: { outcome: string; body: string; legal_remedy: string; fee_cents: number }): NoticeForm =>
  template
    ? { outcome: template.outcome, body: template.body, legalRemedy: template.legal_remedy, fee: formatFee(template.fee_cents) }
    : { body: DEFAULT_NOTICE_BODY, legalRemedy: DEFAULT_LEGAL_REMEDY, fee: '0' };

const germanDay = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { db, forms } = deps;
  // The services and colleagues of a set of offices (inbox filter, assignment choices): they change
  // rarely, and a new colleague appearing a minute later is fine. Assigning always checks afresh.
  const filterOptions = createCache<{ services: Awaited<ReturnType<typeof cases.servicesOf>>; colleagues: Awaited<ReturnType<typeof cases.colleaguesOf>> }>({
    ttlMs: 60_000,
    max: 1000,
  });
  const optionsOf = (offices: string[]) =>
    filterOptions.get([...offices].sort().join(), async () => ({
      services: await cases.servicesOf(db, offices),
      colleagues: await cases.colleaguesOf(db, offices),
    }));
  const auditRead = (session: StaffSession, action: string, objectId: string, details?: Record<string, unknown>) =>
    audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'application', objectId, details });

  app.get<{ Querystring: InboxQuery }>('/backoffice', async (request, reply) => {
    const session = staffOr(request, reply);
    if (!session) return reply;
    // Without a case role (administration, editors) the start page says what the account may do.
    if (!CASE_ROLES.some((r) => session.user.roles.includes(r))) {
      const names = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
      return sendPage(
        noStore(reply),
        <HomePage ctx={formContext(request, reply)} viewer={viewerOf(session)} organisations={session.user.organisationIds.map((id) => names.get(id) ?? id)} />,
      );
    }
    const q = request.query;
    const { filter, invalid } = inboxFilter(q, { id: session.user.id, organisationIds: session.user.organisationIds });
    const errors: PageError[] = invalid.map((target) => ({ target, message: request.t('bo.inbox.badDate') }));
    const offices = session.user.organisationIds;
    const [{ found, counts }, { services, colleagues }] = await Promise.all([inboxWithCounts(db, filter), optionsOf(offices)]);
    const { rows, next } = pageOf(found);
    await auditInboxRead(db, session.user.id, q, rows, 'page');
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'nach' && typeof v === 'string' && v !== '') as [string, string][]);
    if (next) params.set('nach', next);
    return sendPage(
      noStore(reply),
      <InboxPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        rows={rows.map((r) => ({
          id: r.id,
          reference: r.reference,
          applicant: r.applicantName,
          service: r.serviceTitle ?? '',
          status: r.status,
          received: formatMoment(r.submittedAt, request.lang),
          due: r.dueAt ? formatDay(r.dueAt, request.lang) : '–',
          overdue: isOverdue(r.dueAt, r.status),
          assignee: r.assigneeName ?? '–',
        }))}
        counts={counts}
        services={services}
        colleagues={colleagues}
        query={q}
        nextHref={next ? `/backoffice?${params}` : undefined}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  });

  type CaseParams = { Params: { id: string }; Querystring: { hinweis?: string; vorlage?: string } };

  async function caseOr404(request: FastifyRequest<CaseParams>, session: StaffSession) {
    const kase = await cases.findCase(db, request.params.id, session.user.organisationIds);
    if (!kase) throw notFound();
    return kase;
  }

  async function renderCase(
    request: FastifyRequest<CaseParams>,
    reply: FastifyReply,
    session: StaffSession,
    kase: cases.CaseRecord,
    errors: PageError[] = [],
    noticeState?: { form: NoticeForm; preview?: { body: string; legalRemedy: string } },
  ) {
    // Everything the page shows, read at once (and the read recorded alongside).
    const [form, { uploads, history, notes, requests, requiredDocuments }, issued, templates, options] = await Promise.all([
      forms.get(kase.form_id, kase.form_version),
      cases.caseDetails(db, kase.id, kase.service_id),
      noticesOf(db, kase.id),
      kase.service_id ? templatesOf(db, kase.service_id) : [],
      optionsOf(session.user.organisationIds),
      auditRead(session, 'case.read', kase.id),
    ]);
    const names = new Map(uploads.map((u) => [u.id, u.filename]));
    const status = (kase.case_status ?? 'eingegangen') as CaseStatus;
    const lang = request.lang;
    const notices: Record<string, string> = {
      konflikt: request.t('bo.case.conflict'),
      postfach: request.t('bo.request.sentPostbox'),
      mail: request.t('bo.request.sentMail'),
      'bescheid-postbox': request.t('bo.notice.sentPostbox'),
      'bescheid-mail': request.t('bo.notice.sentMail'),
      'bescheid-none': request.t('bo.notice.sentNone'),
      'bescheid-paper': request.t('bo.notice.sentPaper'),
    };
    const notice = notices[request.query.hinweis ?? ''];
    const template = templates.find((tpl) => tpl.id === request.query.vorlage);
    return sendPage(
      noStore(reply),
      <CasePage
        ctx={formContext(request, reply)}
        viewer={{ ...viewerOf(session), id: session.user.id }}
        kase={{
          id: kase.id,
          reference: kase.reference as string,
          service: kase.service_title ?? kase.form_id,
          applicant: kase.applicant_name,
          onBehalfOf: kase.on_behalf_of ? [kase.on_behalf_of.name, kase.on_behalf_of.register].filter(Boolean).join(', ') : undefined,
          email: kase.email ?? undefined,
          hasAccount: kase.account_id !== null,
          status,
          received: formatMoment(kase.submitted_at as Date, lang),
          due: kase.due_at ? formatDay(kase.due_at, lang) : '–',
          overdue: isOverdue(kase.due_at, status),
          assigneeId: kase.assignee_id,
          assigneeName: kase.assignee_name,
          hasReceipt: true,
        }}
        sections={form ? summarise(form.definition, kase.answers as Record<string, never>, { lang, uploadName: (r) => names.get(r) ?? r }) : []}
        files={uploads.map((u) => ({ id: u.id, filename: u.filename, sizeBytes: Number(u.size_bytes), mediaType: u.media_type }))}
        history={history.map((h) => ({ status: h.status, note: h.note, at: formatMoment(h.created_at, lang), by: h.name }))}
        notes={notes.map((n) => ({ body: n.body, at: formatMoment(n.created_at, lang), by: n.name }))}
        colleagues={options.colleagues}
        next={allowedNext(status, workflowFrom(kase.workflow))}
        requiredDocuments={requiredDocuments}
        requests={requests.map((r) => ({
          at: formatMoment(r.created_at, lang),
          due: r.due_at ? formatDay(r.due_at, lang) : '–',
          overdue: Boolean(r.due_at && r.due_at < new Date()),
          answered: Boolean(r.answered),
        }))}
        requestDue={germanDay(new Date(Date.now() + 14 * 86_400_000))}
        notices={{
          issued: issued.map((n, i) => ({ id: n.id, date: formatDay(n.issued_at, lang), outcome: n.outcome, replaced: i < issued.length - 1 })),
          canIssue: status === 'in_pruefung' || status === 'entschieden',
          form: noticeState?.form ?? noticeFormOf(template),
          preview: noticeState?.preview,
          templates,
          templateId: template?.id,
        }}
        errors={errors}
        notice={notice}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get<CaseParams>('/backoffice/vorgaenge/:id', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    return session ? renderCase(request, reply, session, await caseOr404(request, session)) : reply;
  });

  app.post<CaseParams>('/backoffice/vorgaenge/:id/stand', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const current = (kase.case_status ?? 'eingegangen') as CaseStatus;
    const to = body.to;
    if (!isCaseStatus(to) || !allowedNext(current, workflowFrom(kase.workflow)).includes(to)) {
      return renderCase(request, reply, session, kase, [{ target: 'to', message: request.t(to ? 'bo.case.notAllowed' : 'bo.case.newStatus') }]);
    }
    // The form says which status it was made for: a change by a colleague in between is not overwritten.
    const from = isCaseStatus(body.from) ? body.from : current;
    const reason = (body.reason ?? '').trim().slice(0, 2000);
    if (!(await cases.transition(db, kase.id, from, to, session.user.id, reason))) {
      return reply.redirect(`/backoffice/vorgaenge/${kase.id}?hinweis=konflikt`, 303);
    }
    await auditRead(session, 'case.status', kase.id, { from, to, reason });
    return reply.redirect(`/backoffice/vorgaenge/${kase.id}`, 303);
  });

  app.post<CaseParams>('/backoffice/vorgaenge/:id/nachforderung', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const offered = await cases.requiredDocumentsOf(db, kase.service_id);
    const documents = (Array.isArray(body.documents) ? body.documents : [body.documents]).filter(
      (d): d is string => typeof d === 'string' && offered.includes(d),
    );
    const text = String(body.text ?? '')
      .trim()
      .slice(0, 3000);
    const due = germanDate(String(body.due ?? ''));
    const errors: PageError[] = [
      ...(documents.length === 0 && text === '' ? [{ target: offered.length > 0 ? 'documents' : 'text', message: request.t('bo.request.nothing') }] : []),
      ...(!due || due < new Date() ? [{ target: 'due', message: request.t('bo.request.badDue') }] : []),
    ];
    if (!kase.account_id && !kase.email) errors.push({ target: 'text', message: request.t('bo.request.noChannel') });
    if (errors.length > 0) return renderCase(request, reply, session, kase, errors);
    const d = due as Date;
    const dueAt = endOfDayInGermany(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    const channel = await deps.requests.requestDocuments(kase, session.user.id, { documents, text, dueAt });
    return reply.redirect(`/backoffice/vorgaenge/${kase.id}?hinweis=${channel === 'postbox' ? 'postfach' : 'mail'}`, 303);
  });

  app.post<CaseParams>('/backoffice/vorgaenge/:id/bescheid', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const form: NoticeForm = { outcome: body.outcome, body: body.body ?? '', legalRemedy: body.legalRemedy ?? '', fee: body.fee ?? '0', reason: body.reason };
    const t = request.t;
    const fee = parseFee(form.fee);
    const outcome = NOTICE_OUTCOMES.find((o) => o === form.outcome);
    const status = (kase.case_status ?? 'eingegangen') as CaseStatus;
    const hasNotice = (await noticesOf(db, kase.id)).length > 0;
    const input = {
      outcome: outcome ?? 'bewilligt',
      body: form.body,
      legalRemedy: form.legalRemedy,
      feeCents: fee ?? 0,
      supersedeReason: form.reason?.trim() || undefined,
    };
    const composed = deps.notices.preview(kase, input);
    const errors: PageError[] = [
      ...(status === 'in_pruefung' || status === 'entschieden' ? [] : [{ target: 'outcome', message: t('bo.notice.error.status') }]),
      ...(outcome ? [] : [{ target: 'outcome', message: t('bo.notice.error.outcome') }]),
      ...(form.body.trim() === '' ? [{ target: 'body', message: t('bo.notice.error.body') }] : []),
      ...(composed.unknown.length > 0 ? [{ target: 'body', message: t('bo.notice.error.placeholder', { names: composed.unknown.join(', ') }) }] : []),
      ...(fee === undefined ? [{ target: 'fee', message: t('bo.notice.error.fee') }] : []),
      ...(hasNotice && !input.supersedeReason ? [{ target: 'reason', message: t('bo.notice.error.reason') }] : []),
    ];
    const preview = composed.unknown.length === 0 ? { body: composed.body, legalRemedy: composed.legalRemedy } : undefined;
    if (errors.length > 0 || body.aktion !== 'erlassen') return renderCase(request, reply, session, kase, errors, { form, preview });
    const { channel } = await deps.notices.issue(kase, session.user.id, input);
    return reply.redirect(`/backoffice/vorgaenge/${kase.id}?hinweis=bescheid-${channel}`, 303);
  });

  app.get<{ Params: { id: string; noticeId: string } }>('/backoffice/vorgaenge/:id/bescheide/:noticeId.pdf', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request as FastifyRequest<CaseParams>, session);
    const notice = (await noticesOf(db, kase.id)).find((n) => n.id === request.params.noticeId);
    const data = notice ? await deps.blobs.get(notice.pdf_key) : undefined;
    if (!notice || !data) throw notFound();
    await auditRead(session, 'case.notice.read', kase.id, { notice: notice.id });
    return sendDownload(reply, { filename: `Bescheid-${kase.reference}.pdf`, mediaType: 'application/pdf', data });
  });

  app.get<CaseParams>('/backoffice/vorgaenge/:id/akte.zip', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const uploads = await db
      .selectFrom('uploads')
      .select(['id', 'filename', 'storage_key'])
      .where('application_id', '=', kase.id)
      .orderBy('created_at')
      .execute();
    const notices = await noticesOf(db, kase.id);
    const blobOf = async (key: string) => (await deps.blobs.get(key)) ?? Buffer.alloc(0);
    const zip = await caseZip(
      {
        reference: kase.reference as string,
        service: kase.service_title ?? kase.form_id,
        applicant: kase.applicant_name,
        status: request.t(`case.status.${(kase.case_status ?? 'eingegangen') as CaseStatus}`),
        submittedAt: kase.submitted_at as Date,
        definition: (await forms.get(kase.form_id, kase.form_version))?.definition,
        answers: kase.answers as Record<string, unknown>,
        history: (await cases.historyOf(db, kase.id)).map((h) => ({ status: h.status, note: h.note, at: h.created_at, by: h.name })),
        notes: (await cases.notesOf(db, kase.id)).map((n) => ({ body: n.body, at: n.created_at, by: n.name })),
        notices: await Promise.all(
          notices.map(async (n) => ({ id: n.id, outcome: n.outcome, issuedAt: n.issued_at, sha256: n.sha256, data: await blobOf(n.pdf_key) })),
        ),
        uploads: await Promise.all(uploads.map(async (u) => ({ id: u.id, filename: u.filename, data: await blobOf(u.storage_key) }))),
        receipt: await deps.receipt(kase.id),
      },
      deps.municipality,
    );
    await auditRead(session, 'case.export', kase.id);
    return sendDownload(reply, { filename: `Akte-${kase.reference}.zip`, mediaType: 'application/zip', data: zip });
  });

  app.post<CaseParams>('/backoffice/vorgaenge/:id/zuweisung', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const assignee = String((request.body as Record<string, unknown> | undefined)?.assignee ?? '');
    const colleagues = await cases.colleaguesOf(db, session.user.organisationIds);
    if (assignee !== '' && !colleagues.some((c) => c.id === assignee)) throw new HttpError(400, 'bad-assignee', 'Not a colleague of this case');
    await cases.assign(db, kase.id, assignee || null);
    await auditRead(session, 'case.assign', kase.id, { assignee: assignee || null });
    return reply.redirect(`/backoffice/vorgaenge/${kase.id}`, 303);
  });

  app.post<CaseParams>('/backoffice/vorgaenge/:id/notizen', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const note = String((request.body as Record<string, unknown> | undefined)?.note ?? '').trim();
    if (note === '') return renderCase(request, reply, session, kase, [{ target: 'note', message: request.t('bo.case.noteEmpty') }]);
    await cases.addNote(db, kase.id, session.user.id, note.slice(0, 5000));
    await auditRead(session, 'case.note', kase.id);
    return reply.redirect(`/backoffice/vorgaenge/${kase.id}`, 303);
  });

  type FileParams = { Params: { id: string; uploadId: string } };

  /** One upload of a visible case, or 404. */
  async function uploadOr404(request: FastifyRequest<FileParams>, session: StaffSession) {
    const kase = await caseOr404(request as unknown as FastifyRequest<CaseParams>, session);
    const upload = await db
      .selectFrom('uploads')
      .selectAll()
      .where('application_id', '=', kase.id)
      .where('id', '=', request.params.uploadId)
      .executeTakeFirst();
    if (!upload) throw notFound();
    return { kase, upload };
  }

  async function sendUpload(request: FastifyRequest<FileParams>, reply: FastifyReply, inline: boolean) {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const { kase, upload } = await uploadOr404(request, session);
    const data = await deps.blobs.get(upload.storage_key);
    if (!data) throw notFound();
    await auditRead(session, 'case.file.read', kase.id, { upload: upload.id, inline });
    const file = { filename: upload.filename, mediaType: upload.media_type, data };
    return inline ? sendInline(reply, file) : sendDownload(reply, file);
  }

  app.get<FileParams>('/backoffice/vorgaenge/:id/dateien/:uploadId', (request, reply) => sendUpload(request, reply, false));
  app.get<FileParams>('/backoffice/vorgaenge/:id/dateien/:uploadId/inhalt', (request, reply) => sendUpload(request, reply, true));

  // The preview page: the file shown in the page (image, or PDF in the browser's viewer), with download.
  app.get<FileParams>('/backoffice/vorgaenge/:id/dateien/:uploadId/ansicht', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const { kase, upload } = await uploadOr404(request, session);
    if (!canPreview(upload.media_type)) return reply.redirect(`/backoffice/vorgaenge/${kase.id}/dateien/${upload.id}`, 303);
    // This page alone may embed a PDF (from this origin) in an <object>.
    const csp = String(reply.getHeader('content-security-policy') ?? '').replace("object-src 'none'", "object-src 'self'");
    return sendPage(
      noStore(reply).header('content-security-policy', csp),
      <FilePreviewPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        kase={{ id: kase.id, reference: kase.reference as string }}
        file={{ id: upload.id, filename: upload.filename, mediaType: upload.media_type, sizeBytes: Number(upload.size_bytes) }}
      />,
    );
  });

  app.get<CaseParams>('/backoffice/vorgaenge/:id/eingangsbestaetigung.pdf', async (request, reply) => {
    const session = staffOr(request, reply, ...CASE_ROLES);
    if (!session) return reply;
    const kase = await caseOr404(request, session);
    const pdf = await deps.receipt(kase.id);
    if (!pdf) throw notFound();
    await auditRead(session, 'case.receipt.read', kase.id);
    return sendDownload(reply, { filename: `Eingangsbestaetigung-${kase.reference}.pdf`, mediaType: 'application/pdf', data: pdf });
  });
}
