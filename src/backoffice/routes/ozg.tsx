// OZG implementation for the OZG coordination: every service's Reifegrad, one service's criteria,
// and the coordination's override – only with a reason, audited, shown as such everywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { LEVELS, levelCounts, ozgStatus, type Reifegrad, type ServiceStatus, setOverride } from '../../ozg/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { OZG, OzgPage, OzgServicePage } from '../views/ozg.tsx';
import { viewerOf } from './users.tsx';

type OneRoute = { Params: { id: string }; Querystring: { gespeichert?: string } };

export function registerOzgPages(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const coordination = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'ozg_koordination');

  app.get<{ Querystring: { reifegrad?: string } }>(OZG, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const services = await ozgStatus(db);
    const level = LEVELS.find((l) => String(l) === request.query.reifegrad);
    return sendPage(
      noStore(reply),
      <OzgPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        services={level === undefined ? services : services.filter((s) => s.maturity.level === level)}
        counts={levelCounts(services)}
        level={level}
      />,
    );
  });

  async function serviceOr404(id: string): Promise<ServiceStatus> {
    const [service] = /^[0-9a-f-]{36}$/.test(id) ? await ozgStatus(db, id) : [];
    if (!service) throw new HttpError(404, 'not-found', 'Not found');
    return service;
  }

  async function servicePage(
    request: FastifyRequest<OneRoute>,
    reply: FastifyReply,
    session: StaffSession,
    service: ServiceStatus,
    state: { errors?: PageError[]; values?: { level: string; reason: string } } = {},
  ) {
    const errors = state.errors ?? [];
    const saved = request.query.gespeichert;
    const t = request.t;
    return sendPage(
      noStore(reply),
      <OzgServicePage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={service}
        errors={errors}
        values={
          state.values ?? { level: service.maturity.override ? String(service.maturity.override.level) : '', reason: service.maturity.override?.reason ?? '' }
        }
        notice={
          errors.length === 0 && saved
            ? { kind: 'success', title: t('bo.integrations.saved'), text: t(saved === 'aufgehoben' ? 'ozg.overrideRemoved' : 'ozg.overrideSaved') }
            : undefined
        }
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get<OneRoute>(`${OZG}/:id`, async (request, reply) => {
    const session = coordination(request, reply);
    return session ? servicePage(request, reply, session, await serviceOr404(request.params.id)) : reply;
  });

  app.post<OneRoute>(`${OZG}/:id/festlegung`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      level: String(body.level ?? ''),
      reason: String(body.reason ?? '')
        .trim()
        .slice(0, 1000),
    };
    const level = LEVELS.find((l) => String(l) === values.level);
    const errors: PageError[] = [
      ...(level === undefined ? [{ target: 'level', message: request.t('ozg.error.level') }] : []),
      ...(values.reason ? [] : [{ target: 'reason', message: request.t('ozg.error.reason') }]),
    ];
    if (errors.length > 0 || level === undefined) return servicePage(request, reply, session, service, { errors, values });
    await setOverride(db, service.id, { level: level as Reifegrad, reason: values.reason });
    await audit(db, {
      actorType: 'staff',
      actorId: session.user.id,
      action: 'ozg.override',
      objectType: 'service',
      objectId: service.id,
      details: { level, computed: service.maturity.computed, reason: values.reason },
    });
    return reply.redirect(`${OZG}/${service.id}?gespeichert=festgelegt`, 303);
  });

  app.post<OneRoute>(`${OZG}/:id/festlegung-aufheben`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request.params.id);
    await setOverride(db, service.id, null);
    await audit(db, {
      actorType: 'staff',
      actorId: session.user.id,
      action: 'ozg.override_removed',
      objectType: 'service',
      objectId: service.id,
      details: { computed: service.maturity.computed },
    });
    return reply.redirect(`${OZG}/${service.id}?gespeichert=aufgehoben`, 303);
  });
}
