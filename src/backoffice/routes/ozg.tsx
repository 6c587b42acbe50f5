// OZG implementation for the OZG coordination: every service's Reifegrad, one service's criteria,
// and the coordination's override – only with a reason, audited, shown as such everywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { uncoveredOzgLeistungen } from '../../catalog/index.ts';
import {
  addMilestone,
  completeMilestone,
  dayFromGerman,
  EMPTY_PLAN,
  exportCsv,
  exportXlsx,
  germanDay,
  LEVELS,
  levelCounts,
  milestonesOf,
  type OzgLeistungPlan,
  ozgLeistungPlans,
  ozgStatus,
  type Plan,
  type PlanOwner,
  type PlanProblem,
  plannedOzgLeistungen,
  type Reifegrad,
  readPlan,
  type ServiceStatus,
  savePlan,
  setOverride,
  usageByService,
} from '../../ozg/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { sendDownload } from '../../platform/http/download.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { OZG, OzgLeistungenPage, OzgLeistungPage, OzgPage, OzgServicePage } from '../views/ozg.tsx';
import type { PlanValues } from '../views/ozg-plan.tsx';
import { viewerOf } from './users.tsx';

type OneRoute = { Params: { id: string }; Querystring: { gespeichert?: string } };
/** Any of this module's pages with a confirmation in the query (`gespeichert`). */
type PageRoute = { Params: Record<string, string | undefined>; Querystring: { gespeichert?: string } };

export function registerOzgPages(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const coordination = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'ozg_koordination');

  app.get<{ Querystring: { reifegrad?: string } }>(OZG, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const [services, usage, leistungen] = await Promise.all([ozgStatus(db), usageByService(db), plannedOzgLeistungen(db)]);
    const level = LEVELS.find((l) => String(l) === request.query.reifegrad);
    return sendPage(
      noStore(reply),
      <OzgPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        all={services}
        services={level === undefined ? services : services.filter((s) => s.maturity.level === level)}
        counts={levelCounts(services)}
        level={level}
        today={new Date().toISOString().slice(0, 10)}
        usage={usage}
        leistungen={leistungen}
      />,
    );
  });

  app.get(`${OZG}/export.csv`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const data = Buffer.from(await exportCsv(db), 'utf8');
    return sendDownload(reply, { filename: `ozg-umsetzung-${new Date().toISOString().slice(0, 10)}.csv`, mediaType: 'text/csv; charset=utf-8', data });
  });

  app.get(`${OZG}/export.xlsx`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const data = await exportXlsx(db);
    return sendDownload(reply, {
      filename: `ozg-umsetzung-${new Date().toISOString().slice(0, 10)}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
    });
  });

  async function serviceOr404(id: string): Promise<ServiceStatus> {
    const [service] = /^[0-9a-f-]{36}$/.test(id) ? await ozgStatus(db, id) : [];
    if (!service) throw new HttpError(404, 'not-found', 'Not found');
    return service;
  }

  interface PageState {
    errors?: PageError[];
    values?: { level: string; reason: string };
    plan?: PlanValues;
    milestone?: { title: string; dueDate: string };
  }

  const planValues = (plan: Plan): PlanValues => ({
    responsiblePerson: plan.responsiblePerson,
    priority: String(plan.priority),
    status: String(plan.status),
    targetDate: germanDay(plan.targetDate),
    solution: plan.solution,
    solutionDetail: plan.solutionDetail,
    notes: plan.notes,
  });

  async function servicePage(request: FastifyRequest<PageRoute>, reply: FastifyReply, session: StaffSession, service: ServiceStatus, state: PageState = {}) {
    const errors = state.errors ?? [];
    const saved = request.query.gespeichert;
    const t = request.t;
    const savedTexts: Record<string, string> = {
      festgelegt: t('ozg.overrideSaved'),
      aufgehoben: t('ozg.overrideRemoved'),
      planung: t('ozg.planSaved'),
      meilenstein: t('ozg.milestoneSaved'),
    };
    const override = service.maturity.override;
    const [milestones, usage] = await Promise.all([milestonesOf(db, { serviceId: service.id }), usageByService(db, service.id)]);
    return sendPage(
      noStore(reply),
      <OzgServicePage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={service}
        milestones={milestones}
        usage={usage.get(service.id)}
        errors={errors}
        values={state.values ?? { level: override ? String(override.level) : '', reason: override?.reason ?? '' }}
        plan={state.plan ?? planValues(service.plan ?? EMPTY_PLAN)}
        milestone={state.milestone ?? { title: '', dueDate: '' }}
        notice={
          errors.length === 0 && saved && savedTexts[saved]
            ? { kind: 'success', title: t('bo.integrations.saved'), text: savedTexts[saved] as string }
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

  const record = (session: StaffSession, action: string, serviceId: string, details: Record<string, unknown>) =>
    audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'service', objectId: serviceId, details });
  const fields = (request: FastifyRequest) =>
    Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as Record<
      string,
      string
    >;

  /** The posted plan, or the errors with what was typed (to show the form again). */
  function postedPlan(request: FastifyRequest): { plan: Plan } | { errors: PageError[]; typed: PlanValues } {
    const body = fields(request);
    const { plan, problems } = readPlan(body);
    if (problems.length === 0) return { plan };
    const target = (p: PlanProblem) => (p === 'efaUrl' || p === 'vendor' ? 'solutionDetail' : p);
    return {
      errors: problems.map((p) => ({ target: target(p), message: request.t(`ozg.error.${p}` as MessageKey) })),
      typed: {
        ...planValues(plan),
        targetDate: body.targetDate ?? '',
        priority: body.priority ?? '',
        status: body.status ?? '',
        solution: body.solution ?? '',
      },
    };
  }

  app.post<OneRoute>(`${OZG}/:id/planung`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request.params.id);
    const posted = postedPlan(request);
    if ('errors' in posted) return servicePage(request, reply, session, service, { errors: posted.errors, plan: posted.typed });
    const { plan } = posted;
    await savePlan(db, { serviceId: service.id }, plan);
    await record(session, 'ozg.plan', service.id, { ...plan });
    return reply.redirect(`${OZG}/${service.id}?gespeichert=planung`, 303);
  });

  // OZG-Leistungen of municipal responsibility without a local service: planned all the same.
  app.get(`${OZG}/leistungen`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const uncovered = await uncoveredOzgLeistungen(db);
    const plans = await ozgLeistungPlans(
      db,
      uncovered.map((o) => o.ozg_id),
    );
    return sendPage(noStore(reply), <OzgLeistungenPage ctx={formContext(request, reply)} viewer={viewerOf(session)} leistungen={plans} />);
  });

  type LeistungRoute = { Params: { ozgId: string }; Querystring: { gespeichert?: string } };
  async function leistungOr404(ozgId: string): Promise<OzgLeistungPlan> {
    const [found] = /^\d{1,6}$/.test(ozgId) ? await ozgLeistungPlans(db, [Number(ozgId)]) : [];
    if (!found) throw new HttpError(404, 'not-found', 'Not found');
    return found;
  }
  const leistungPage = async (
    request: FastifyRequest<PageRoute>,
    reply: FastifyReply,
    session: StaffSession,
    leistung: OzgLeistungPlan,
    state: Pick<PageState, 'errors' | 'plan' | 'milestone'> = {},
  ) => {
    const saved = request.query.gespeichert;
    return sendPage(
      noStore(reply),
      <OzgLeistungPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        leistung={leistung}
        plan={state.plan ?? planValues(leistung.plan ?? EMPTY_PLAN)}
        milestones={await milestonesOf(db, { ozgId: leistung.ozgId })}
        milestone={state.milestone ?? { title: '', dueDate: '' }}
        errors={state.errors ?? []}
        saved={saved === 'planung' ? request.t('ozg.planSaved') : saved === 'meilenstein' ? request.t('ozg.milestoneSaved') : undefined}
      />,
      state.errors?.length ? 422 : 200,
    );
  };

  app.get<LeistungRoute>(`${OZG}/leistungen/:ozgId`, async (request, reply) => {
    const session = coordination(request, reply);
    return session ? leistungPage(request, reply, session, await leistungOr404(request.params.ozgId)) : reply;
  });

  app.post<LeistungRoute>(`${OZG}/leistungen/:ozgId/planung`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const leistung = await leistungOr404(request.params.ozgId);
    const posted = postedPlan(request);
    if ('errors' in posted) return leistungPage(request, reply, session, leistung, { errors: posted.errors, plan: posted.typed });
    await savePlan(db, { ozgId: leistung.ozgId }, posted.plan);
    await audit(db, {
      actorType: 'staff',
      actorId: session.user.id,
      action: 'ozg.plan',
      objectType: 'ozg_leistung',
      objectId: String(leistung.ozgId),
      details: { ...posted.plan },
    });
    return reply.redirect(`${OZG}/leistungen/${leistung.ozgId}?gespeichert=planung`, 303);
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

  /** Where milestones hang: a service or an OZG-Leistung, its audit object, its page (again with errors). */
  interface MilestoneHost {
    owner: PlanOwner;
    object: { type: 'service' | 'ozg_leistung'; id: string };
    url: string;
    showErrors: (errors: PageError[], milestone: { title: string; dueDate: string }) => unknown;
  }
  function milestoneRoutes(path: string, hostOf: (request: FastifyRequest<PageRoute>, reply: FastifyReply, session: StaffSession) => Promise<MilestoneHost>) {
    const log = (session: StaffSession, host: MilestoneHost, action: string, details: Record<string, unknown>) =>
      audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: host.object.type, objectId: host.object.id, details });
    app.post<PageRoute>(`${path}/meilensteine`, async (request, reply) => {
      const session = coordination(request, reply);
      if (!session) return reply;
      const host = await hostOf(request, reply, session);
      const body = fields(request);
      const milestone = { title: (body.title ?? '').trim().slice(0, 200), dueDate: body.dueDate ?? '' };
      const due = dayFromGerman(milestone.dueDate);
      const errors: PageError[] = [
        ...(milestone.title ? [] : [{ target: 'title', message: request.t('ozg.error.milestoneTitle') }]),
        ...(due ? [] : [{ target: 'dueDate', message: request.t('ozg.error.targetDate') }]),
      ];
      if (errors.length > 0 || !due) return host.showErrors(errors, milestone);
      const id = await addMilestone(db, host.owner, milestone.title, due);
      await log(session, host, 'ozg.milestone', { milestone: id, title: milestone.title, due });
      return reply.redirect(`${host.url}?gespeichert=meilenstein`, 303);
    });
    app.post<PageRoute>(`${path}/meilensteine/:milestoneId/erledigt`, async (request, reply) => {
      const session = coordination(request, reply);
      if (!session) return reply;
      const host = await hostOf(request, reply, session);
      if (!(await completeMilestone(db, host.owner, request.params.milestoneId ?? ''))) throw new HttpError(404, 'not-found', 'Not found');
      await log(session, host, 'ozg.milestone_done', { milestone: request.params.milestoneId });
      return reply.redirect(`${host.url}?gespeichert=meilenstein`, 303);
    });
  }
  milestoneRoutes(`${OZG}/:id`, async (request, reply, session) => {
    const service = await serviceOr404(request.params.id ?? '');
    return {
      owner: { serviceId: service.id },
      object: { type: 'service', id: service.id },
      url: `${OZG}/${service.id}`,
      showErrors: (errors, milestone) => servicePage(request, reply, session, service, { errors, milestone }),
    };
  });
  milestoneRoutes(`${OZG}/leistungen/:ozgId`, async (request, reply, session) => {
    const leistung = await leistungOr404(request.params.ozgId ?? '');
    return {
      owner: { ozgId: leistung.ozgId },
      object: { type: 'ozg_leistung', id: String(leistung.ozgId) },
      url: `${OZG}/leistungen/${leistung.ozgId}`,
      showErrors: (errors, milestone) => leistungPage(request, reply, session, leistung, { errors, milestone }),
    };
  });
}
