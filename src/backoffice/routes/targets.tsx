// Hand-off targets for administrators: choose service and kind, then the kind's settings and an
// optional condition; activate/deactivate; a new webhook signing secret. All audited; secrets are
// shown once and stored encrypted.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type HandoffAdmin, TARGET_KINDS, type Target, TargetInputError } from '../../handoff/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { type Shown, TARGETS } from '../views/integrations.tsx';
import { ChooseTargetPage, fieldLabel, KIND_FIELDS, TargetFormPage, TargetPage } from '../views/targets.tsx';
import { viewerOf } from './users.tsx';

type ChooseRoute = { Querystring: { leistung?: string; art?: string } };
type OneRoute = { Params: { id: string }; Querystring: { gespeichert?: string } };

export function registerTargetAdmin(app: FastifyInstance, deps: { db: Kysely<Database>; handoff: HandoffAdmin }): void {
  const { db, handoff } = deps;
  const admin = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'administration');
  const record = (session: StaffSession, action: string, id: string, details: Record<string, unknown> = {}) =>
    audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'handoff_target', objectId: id, details });

  async function chosen(serviceId: string | undefined, kind: string | undefined) {
    const services = await handoff.servicesWithForms();
    return { services, service: services.find((s) => s.id === serviceId), kind: TARGET_KINDS.find((k) => k === kind) };
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    session: StaffSession,
    service: { id: string; title: string },
    kind: Target['kind'],
    values: Record<string, string>,
    errors: PageError[],
  ) {
    const [fields, integrations] = await Promise.all([handoff.targets.conditionFields(service.id), handoff.integrations.list()]);
    return sendPage(
      noStore(reply),
      <TargetFormPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={service}
        kind={kind}
        fields={fields}
        integrations={integrations}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  /** Step 1, with what is missing said when something was chosen (or posted) incompletely. */
  async function choosePage(request: FastifyRequest, reply: FastifyReply, session: StaffSession, asked: { leistung?: string; art?: string }) {
    const { services, service, kind } = await chosen(asked.leistung, asked.art);
    const t = request.t;
    const errors: PageError[] =
      asked.leistung === undefined && asked.art === undefined
        ? []
        : [
            ...(service ? [] : [{ target: 'leistung', message: t('bo.targets.error.service') }]),
            ...(kind ? [] : [{ target: 'art', message: t('bo.targets.error.kind') }]),
          ];
    return sendPage(
      noStore(reply),
      <ChooseTargetPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        services={services}
        values={{ serviceId: asked.leistung ?? '', kind: asked.art ?? '' }}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get<ChooseRoute>(`${TARGETS}/neu`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const { service, kind } = await chosen(request.query.leistung, request.query.art);
    if (service && kind) return formPage(request, reply, session, service, kind, { attachments: 'links' }, []);
    return choosePage(request, reply, session, request.query);
  });

  app.post(TARGETS, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const body = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    const { service, kind } = await chosen(body.leistung, body.art);
    if (!service || !kind) return choosePage(request, reply, session, { leistung: body.leistung ?? '', art: body.art ?? '' });
    const settings = Object.fromEntries([...KIND_FIELDS[kind].map((f) => f.name), 'attachments'].map((k) => [k, body[k] ?? '']));
    try {
      const created = await handoff.targets.create({
        serviceId: service.id,
        kind,
        name: body.name ?? '',
        settings,
        onlyIf: { field: body.conditionField ?? '', value: body.conditionValue?.trim() ?? '' },
        clientSecret: body.clientSecret ?? '',
        integrationId: body.integrationId ?? '',
      });
      await record(session, 'handoff.target.create', created.id, { service: service.title, kind, name: body.name });
      if (!created.signingSecret) return reply.redirect(`${TARGETS}/${created.id}?gespeichert=neu`, 303);
      return targetPage(request as FastifyRequest<OneRoute>, reply, session, created.id, signingSecretShown(request, created.signingSecret));
    } catch (error) {
      if (!(error instanceof TargetInputError)) throw error;
      const t = request.t;
      const errors = Object.entries(error.problems).map(([field, problem]) => ({
        target: field,
        message: t(`bo.targets.error.${problem}` as MessageKey, { label: fieldLabel(t, field) }),
      }));
      return formPage(request, reply, session, service, kind, { ...body, clientSecret: '' }, errors);
    }
  });

  const signingSecretShown = (request: FastifyRequest, secret: string): Shown => ({
    title: request.t('bo.targets.secretTitle'),
    items: [{ label: request.t('bo.targets.field.signingSecret'), value: secret }],
  });

  async function targetPage(request: FastifyRequest<OneRoute>, reply: FastifyReply, session: StaffSession, id: string, shown?: Shown) {
    const target = await handoff.findTarget(id);
    if (!target) throw new HttpError(404, 'not-found', 'Not found');
    const [services, integration] = await Promise.all([
      handoff.servicesWithForms(),
      target.kind === 'pull' ? handoff.integrations.byId(target.integrationId) : undefined,
    ]);
    const saved = request.query.gespeichert;
    const t = request.t;
    return sendPage(
      noStore(reply),
      <TargetPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        target={target}
        serviceTitle={services.find((s) => s.id === target.serviceId)?.title ?? ''}
        integrationName={integration?.name}
        shown={shown}
        notice={
          saved
            ? { kind: 'success', title: t('bo.integrations.saved'), text: t(saved === 'neu' ? 'bo.targets.created' : 'bo.integrations.statusSaved') }
            : undefined
        }
      />,
    );
  }

  app.get<OneRoute>(`${TARGETS}/:id`, async (request, reply) => {
    const session = admin(request, reply);
    return session ? targetPage(request, reply, session, request.params.id) : reply;
  });

  async function targetOr404(id: string): Promise<Target> {
    const target = await handoff.findTarget(id);
    if (!target) throw new HttpError(404, 'not-found', 'Not found');
    return target;
  }

  app.post<OneRoute>(`${TARGETS}/:id/status`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const target = await targetOr404(request.params.id);
    await handoff.targets.setActive(target, !target.active);
    await record(session, target.active ? 'handoff.target.deactivate' : 'handoff.target.activate', target.id, { kind: target.kind });
    return reply.redirect(`${TARGETS}/${target.id}?gespeichert=status`, 303);
  });

  app.post<OneRoute>(`${TARGETS}/:id/geheimnis`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const target = await targetOr404(request.params.id);
    if (target.kind !== 'webhook') throw new HttpError(404, 'not-found', 'Only webhooks have a signing secret');
    const secret = await handoff.targets.rotateSecret(target);
    await record(session, 'handoff.target.secret', target.id);
    return targetPage(request, reply, session, target.id, signingSecretShown(request, secret));
  });
}
