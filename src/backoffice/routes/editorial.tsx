// The editorial workflow (Redaktion): create and edit services as versions, send them to review,
// approve (a second person from Redaktion or Teamleitung) or return them with a comment, archive,
// confirm the regular review. Every action is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  approve,
  archiveService,
  catalogFacts,
  confirmReviewed,
  createService,
  diffContent,
  discardDraft,
  editorialChoices,
  editorialList,
  type FieldError,
  type FormFields,
  fieldsOf,
  liveContent,
  mayApprove,
  readContent,
  returnToDraft,
  SLUG,
  saveDraft,
  slugOf,
  submitForReview,
  typedKeys,
  versionsOf,
} from '../../catalog/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { EDITORIAL, EditorialListPage, ServiceOverviewPage, STATES, VersionPage } from '../views/editorial.tsx';
import { fieldLabel } from '../views/editorial-diff.tsx';
import { EditServicePage } from '../views/editorial-form.tsx';
import { viewerOf } from './users.tsx';

type Problem = Omit<FieldError, 'code'> & { code: FieldError['code'] | 'slugTaken' | 'conflict' | 'inReview' };
type OneRoute = { Params: { id: string }; Querystring: { erledigt?: string } };
const DONE = ['saved', 'submitted', 'returned', 'approved', 'discarded', 'archived', 'reviewed'] as const;
type Done = (typeof DONE)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as FormFields;
const textOf = (request: FastifyRequest, name: string) => String(bodyOf(request)[name] ?? '').trim();

export function registerEditorial(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const editor = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'redaktion');
  const reader = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'redaktion', 'teamleitung');
  const log = (session: StaffSession, action: string, serviceId: string, details: Record<string, unknown>) =>
    audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'service', objectId: serviceId, details });

  /** Problems as messages next to their fields; a conflict or a version in review is told at the top, by the title. */
  const messagesOf = (request: FastifyRequest, problems: Problem[]): PageError[] =>
    problems.map((p) => ({
      target: p.field,
      message: request.t(`edit.error.${p.code}` as MessageKey, { field: fieldLabel(request.viewContext(), p.field), line: p.line ?? 0 }),
    }));

  const serviceOr404 = async (id: string) => {
    const live = UUID.test(id) ? await liveContent(db, id) : undefined;
    if (!live) throw new HttpError(404, 'not-found', 'Not found');
    return live;
  };

  app.get<{ Querystring: { status?: string } }>(EDITORIAL, async (request, reply) => {
    const session = reader(request, reply);
    if (!session) return reply;
    const state = STATES.find((s) => s === request.query.status);
    return sendPage(
      noStore(reply),
      <EditorialListPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        items={await editorialList(db, state)}
        state={state}
        mayCreate={session.user.roles.includes('redaktion')}
      />,
    );
  });

  // ---- the edit form: new service, or a new/open version of one ----

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    session: StaffSession,
    form: { serviceId: string | null; title?: string; values: FormFields; errors: PageError[]; lock?: number },
  ) {
    const open = form.serviceId ? (await versionsOf(db, form.serviceId)).find((v) => v.state !== 'published') : undefined;
    const service = form.serviceId ? { id: form.serviceId, title: form.title ?? '' } : null;
    return sendPage(
      noStore(reply),
      <EditServicePage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={service}
        draft={open && open.state === 'draft' ? { number: open.number, lock: form.lock ?? open.lock } : null}
        choices={await editorialChoices(db)}
        values={form.values}
        errors={form.errors}
        action={service ? `${EDITORIAL}/${service.id}/bearbeiten` : `${EDITORIAL}/neu`}
        back={service ? `${EDITORIAL}/${service.id}` : EDITORIAL}
      />,
      form.errors.length ? 422 : 200,
    );
  }

  /** The posted form read into content, with every problem named. */
  async function readPosted(request: FastifyRequest) {
    const fields = bodyOf(request);
    const keys = typedKeys(fields);
    const [choices, facts] = await Promise.all([editorialChoices(db), catalogFacts(db, keys.leikaKey, keys.ozgId)]);
    return { fields, ...readContent(fields, choices.names, facts) };
  }

  app.get(`${EDITORIAL}/neu`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    return editPage(request, reply, session, { serviceId: null, values: { online: 'none' }, errors: [] });
  });

  app.post(`${EDITORIAL}/neu`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const { fields, content, errors } = await readPosted(request);
    const slug = String(fields.slug ?? '').trim() || slugOf(content.title);
    const slugErrors = slug && !SLUG.test(slug) ? [{ field: 'slug' as const, code: 'slug' as const }] : [];
    if (errors.length || slugErrors.length)
      return editPage(request, reply, session, { serviceId: null, values: fields, errors: messagesOf(request, [...slugErrors, ...errors]) });
    const id = await createService(db, slug, content, session.user.id);
    if (!id) return editPage(request, reply, session, { serviceId: null, values: fields, errors: messagesOf(request, [{ field: 'slug', code: 'slugTaken' }]) });
    await log(session, 'catalog.service_created', id, { slug, title: content.title });
    return reply.redirect(`${EDITORIAL}/${id}?erledigt=saved`, 303);
  });

  app.get<OneRoute>(`${EDITORIAL}/:id/bearbeiten`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const live = await serviceOr404(request.params.id);
    const open = (await versionsOf(db, request.params.id)).find((v) => v.state !== 'published');
    if (open?.state === 'review') return reply.redirect(`${EDITORIAL}/${request.params.id}`, 303);
    return editPage(request, reply, session, {
      serviceId: request.params.id,
      title: live.content.title,
      values: fieldsOf(open?.content ?? live.content),
      errors: [],
    });
  });

  app.post<OneRoute>(`${EDITORIAL}/:id/bearbeiten`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const live = await serviceOr404(request.params.id);
    const { fields, content, errors } = await readPosted(request);
    const form = { serviceId: request.params.id, title: live.content.title, values: fields };
    if (errors.length) return editPage(request, reply, session, { ...form, errors: messagesOf(request, errors) });
    const lock = /^\d+$/.test(String(fields.lock ?? '')) ? Number(fields.lock) : null;
    const saved = await saveDraft(db, request.params.id, content, session.user.id, lock);
    if (!saved.ok) {
      if (saved.reason === 'not-found') throw new HttpError(404, 'not-found', 'Not found');
      const code = saved.reason === 'conflict' ? 'conflict' : 'inReview';
      // The form keeps what this editor typed; it carries the current lock, so saving again is a deliberate overwrite.
      return editPage(request, reply, session, { ...form, errors: messagesOf(request, [{ field: 'title', code }]) });
    }
    await log(session, 'catalog.draft_saved', request.params.id, { version: saved.number });
    return reply.redirect(`${EDITORIAL}/${request.params.id}?erledigt=saved`, 303);
  });

  // ---- the service, its open version and its history ----

  async function overview(request: FastifyRequest<OneRoute>, reply: FastifyReply, session: StaffSession, errors: PageError[] = []) {
    const id = request.params.id;
    const live = await serviceOr404(id);
    const [versions, choices] = await Promise.all([versionsOf(db, id), editorialChoices(db)]);
    const open = versions.find((v) => v.state !== 'published') ?? null;
    const done = DONE.find((d) => d === request.query.erledigt);
    const roles = session.user.roles;
    return sendPage(
      noStore(reply),
      <ServiceOverviewPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={{ id, slug: live.slug, title: open?.content.title ?? live.content.title, status: live.status, lastReviewed: live.lastReviewed }}
        open={open}
        changes={open ? diffContent(open.base, open.content, choices.names) : []}
        published={versions.filter((v) => v.state === 'published')}
        may={{
          edit: roles.includes('redaktion'),
          approve: open?.state === 'review' && mayApprove(open.editorIds, session.user),
          review: roles.includes('redaktion') || roles.includes('teamleitung'),
        }}
        notice={done ? { kind: 'success', title: request.t('edit.done'), text: request.t(`edit.done.${done}` as MessageKey) } : undefined}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get<OneRoute>(`${EDITORIAL}/:id`, async (request, reply) => {
    const session = reader(request, reply);
    if (!session) return reply;
    return overview(request, reply, session);
  });

  app.get<{ Params: { id: string; number: string } }>(`${EDITORIAL}/:id/fassungen/:number`, async (request, reply) => {
    const session = reader(request, reply);
    if (!session) return reply;
    const live = await serviceOr404(request.params.id);
    const version = (await versionsOf(db, request.params.id)).find((v) => String(v.number) === request.params.number);
    if (!version) throw new HttpError(404, 'not-found', 'Not found');
    const { names } = await editorialChoices(db);
    return sendPage(
      noStore(reply),
      <VersionPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={{ id: request.params.id, title: live.content.title }}
        version={version}
        changes={diffContent(version.base, version.content, names)}
      />,
    );
  });

  /** A state change: POST, audit, redirect to the service with its confirmation; 409 when the state was not the expected one. */
  const transition = (
    path: string,
    who: typeof editor,
    act: (request: FastifyRequest<OneRoute>, session: StaffSession) => Promise<{ done: Done; details: Record<string, unknown> } | PageError[] | undefined>,
    action: string,
  ) =>
    app.post<OneRoute>(`${EDITORIAL}/:id/${path}`, async (request, reply) => {
      const session = who(request, reply);
      if (!session) return reply;
      await serviceOr404(request.params.id);
      const outcome = await act(request, session);
      if (Array.isArray(outcome)) return overview(request, reply, session, outcome);
      if (!outcome) throw new HttpError(409, 'conflict', 'The service is not in the state this action needs');
      await log(session, action, request.params.id, outcome.details);
      return reply.redirect(`${EDITORIAL}/${request.params.id}?erledigt=${outcome.done}`, 303);
    });

  transition(
    'pruefung',
    editor,
    async (request, session) => {
      const note = textOf(request, 'note');
      const n = await submitForReview(db, request.params.id, session.user.id, note);
      return n === undefined ? undefined : { done: 'submitted', details: { version: n, note } };
    },
    'catalog.review_requested',
  );
  transition(
    'zurueckgeben',
    reader,
    async (request, session) => {
      const comment = textOf(request, 'returnComment');
      if (!comment) return [{ target: 'returnComment', message: request.t('edit.error.returnComment') }];
      const n = await returnToDraft(db, request.params.id, session.user.id, comment);
      return n === undefined ? undefined : { done: 'returned', details: { version: n, comment } };
    },
    'catalog.version_returned',
  );
  transition(
    'freigeben',
    reader,
    async (request, session) => {
      const comment = textOf(request, 'comment');
      const result = await approve(db, request.params.id, session.user, comment);
      if (!result.ok && result.reason === 'four-eyes') throw new HttpError(403, 'forbidden', 'A second person must approve this version');
      return result.ok ? { done: 'approved', details: { version: result.number, comment } } : undefined;
    },
    'catalog.version_published',
  );
  transition(
    'verwerfen',
    editor,
    async (request) => {
      const n = await discardDraft(db, request.params.id);
      return n === undefined ? undefined : { done: 'discarded', details: { version: n } };
    },
    'catalog.draft_discarded',
  );
  transition(
    'archivieren',
    editor,
    async (request) => {
      const reason = textOf(request, 'reason');
      if (!reason) return [{ target: 'reason', message: request.t('edit.error.archiveReason') }];
      return (await archiveService(db, request.params.id)) ? { done: 'archived', details: { reason } } : undefined;
    },
    'catalog.service_archived',
  );
  transition(
    'geprueft',
    editor,
    async (request) => ((await confirmReviewed(db, request.params.id)) ? { done: 'reviewed', details: {} } : undefined),
    'catalog.review_confirmed',
  );
}
