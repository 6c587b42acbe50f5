// Integrations for administrators: Fachverfahren with API access (client credentials, API key bound
// to a certificate if wanted), limited to services and operations. Every change is audited; new
// secrets and keys are shown once on the page that made them, never stored in the clear.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type HandoffAdmin, type Integration, OPERATIONS, type Operation } from '../../handoff/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { INTEGRATIONS, IntegrationPage, IntegrationsPage, type Shown } from '../views/integrations.tsx';
import { viewerOf } from './users.tsx';

type Values = { name: string; serviceIds: string[]; operations: string[] };
type OneRoute = { Params: { id: string }; Querystring: { gespeichert?: string } };

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

export function registerIntegrationAdmin(app: FastifyInstance, deps: { db: Kysely<Database>; handoff: HandoffAdmin }): void {
  const { db, handoff } = deps;
  const { integrations } = handoff;
  const admin = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'administration');
  const record = (session: StaffSession, action: string, id: string, details: Record<string, unknown> = {}) =>
    audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'integration', objectId: id, details });

  /** The posted access, checked: a name, at least one service and one operation. */
  async function read(request: FastifyRequest): Promise<{ values: Values; errors: PageError[] }> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const known = new Set((await handoff.servicesWithForms()).map((s) => s.id));
    const values = {
      name: String(body.name ?? '')
        .trim()
        .slice(0, 200),
      serviceIds: list(body.services).filter((id) => known.has(id)),
      operations: list(body.operations).filter((op) => (OPERATIONS as readonly string[]).includes(op)),
    };
    const t = request.t;
    const errors: PageError[] = [];
    if (!values.name) errors.push({ target: 'name', message: t('bo.integrations.error.name') });
    if (values.serviceIds.length === 0) errors.push({ target: 'services', message: t('bo.integrations.error.services') });
    if (values.operations.length === 0) errors.push({ target: 'operations', message: t('bo.integrations.error.operations') });
    return { values, errors };
  }

  async function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    session: StaffSession,
    state: { errors?: PageError[]; values?: Values; shown?: Shown } = {},
  ) {
    const errors = state.errors ?? [];
    const [all, targets, services] = await Promise.all([integrations.list(), handoff.listTargets(), handoff.servicesWithForms()]);
    return sendPage(
      noStore(reply),
      <IntegrationsPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        integrations={all}
        targets={targets.map((t) => ({
          id: t.id,
          serviceTitle: t.serviceTitle,
          name: t.name,
          kind: t.kind,
          active: t.active,
          conditional: t.condition !== null,
        }))}
        services={services}
        errors={errors}
        values={state.values ?? { name: '', serviceIds: [], operations: ['submissions:read', 'submissions:ack', 'status:write'] }}
        shown={state.shown}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  async function integrationOr404(request: FastifyRequest<OneRoute>): Promise<Integration> {
    const found = /^[0-9a-f-]{36}$/.test(request.params.id) ? await integrations.byId(request.params.id) : undefined;
    if (!found) throw new HttpError(404, 'not-found', 'Not found');
    return found;
  }

  async function detail(
    request: FastifyRequest<OneRoute>,
    reply: FastifyReply,
    session: StaffSession,
    integration: Integration,
    state: { errors?: PageError[]; values?: Values; shown?: Shown; cert?: string } = {},
  ) {
    const errors = state.errors ?? [];
    const saved = request.query.gespeichert;
    return sendPage(
      noStore(reply),
      <IntegrationPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        integration={integration}
        services={await handoff.servicesWithForms()}
        errors={errors}
        values={state.values ?? { name: integration.name, serviceIds: integration.serviceIds, operations: integration.operations }}
        certSha256={state.cert ?? integration.certSha256 ?? ''}
        shown={state.shown}
        notice={
          errors.length === 0 && saved
            ? {
                kind: 'success',
                title: request.t('bo.integrations.saved'),
                text: request.t(saved === 'status' ? 'bo.integrations.statusSaved' : 'bo.integrations.accessSaved'),
              }
            : undefined
        }
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get(INTEGRATIONS, async (request, reply) => {
    const session = admin(request, reply);
    return session ? overview(request, reply, session) : reply;
  });

  app.post(INTEGRATIONS, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const { values, errors } = await read(request);
    if (errors.length > 0) return overview(request, reply, session, { errors, values });
    const created = await integrations.create({ ...values, operations: values.operations as Operation[] });
    await record(session, 'integration.create', created.integration.id, { name: values.name, services: values.serviceIds, operations: values.operations });
    const t = request.t;
    return overview(request, reply, session, {
      shown: {
        title: t('bo.integrations.created', { name: values.name }),
        items: [
          { label: t('bo.integrations.clientId'), value: created.integration.clientId },
          { label: t('bo.integrations.clientSecret'), value: created.clientSecret },
        ],
      },
    });
  });

  app.get<OneRoute>(`${INTEGRATIONS}/:id`, async (request, reply) => {
    const session = admin(request, reply);
    return session ? detail(request, reply, session, await integrationOr404(request)) : reply;
  });

  app.post<OneRoute>(`${INTEGRATIONS}/:id`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const integration = await integrationOr404(request);
    const { values, errors } = await read(request);
    if (errors.length > 0) return detail(request, reply, session, integration, { errors, values });
    await integrations.update(integration.id, { ...values, operations: values.operations as Operation[] });
    await record(session, 'integration.update', integration.id, { name: values.name, services: values.serviceIds, operations: values.operations });
    return reply.redirect(`${INTEGRATIONS}/${integration.id}?gespeichert=zugang`, 303);
  });

  app.post<OneRoute>(`${INTEGRATIONS}/:id/geheimnis`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const integration = await integrationOr404(request);
    const secret = await integrations.rotateSecret(integration.id);
    await record(session, 'integration.secret', integration.id);
    const t = request.t;
    return detail(request, reply, session, integration, {
      shown: { title: t('bo.integrations.rotated'), items: [{ label: t('bo.integrations.clientSecret'), value: secret }] },
    });
  });

  app.post<OneRoute>(`${INTEGRATIONS}/:id/api-schluessel`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const integration = await integrationOr404(request);
    const raw = String((request.body as Record<string, unknown> | undefined)?.cert ?? '').trim();
    const cert = raw.replace(/[:\s]/g, '').toLowerCase();
    if (cert && !/^[0-9a-f]{64}$/.test(cert)) {
      return detail(request, reply, session, integration, { errors: [{ target: 'cert', message: request.t('bo.integrations.error.cert') }], cert: raw });
    }
    const key = await integrations.issueApiKey(integration.id, cert || null);
    await record(session, 'integration.apikey', integration.id, { boundToCertificate: Boolean(cert) });
    const t = request.t;
    const updated = (await integrations.byId(integration.id)) ?? integration;
    return detail(request, reply, session, updated, {
      shown: { title: t('bo.integrations.keyIssued'), items: [{ label: t('bo.integrations.apiKey'), value: key }] },
    });
  });

  app.post<OneRoute>(`${INTEGRATIONS}/:id/status`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const integration = await integrationOr404(request);
    await integrations.setActive(integration.id, !integration.active);
    await record(session, integration.active ? 'integration.deactivate' : 'integration.activate', integration.id);
    return reply.redirect(`${INTEGRATIONS}/${integration.id}?gespeichert=status`, 303);
  });
}
