// DigiCheck's results (OZG-Koordination, Administration): scores, comparison, recommended measures and
// the three-year plan on a page, as a tagged PDF report and as CSV; the plan's frame and changes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  analyse,
  answersOf,
  applyChange,
  type Check,
  compare,
  earlierChecks,
  measuresCsv,
  otherDepartmentsChecks,
  type PlanChange,
  planOptionsOf,
  quarterLabel,
  reportPdf,
  savePlan,
  score,
} from '../../digicheck/index.ts';
import { ozgStatus } from '../../ozg/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { sendDownload } from '../../platform/http/download.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import type { StaffSession } from '../staff/service.ts';
import { DIGICHECK } from '../views/digicheck.tsx';
import { ResultPage } from '../views/digicheck-result.tsx';
import { type CheckRoute, digicheckAccess, text } from './digicheck.tsx';
import { viewerOf } from './users.tsx';

export function registerDigicheckResults(app: FastifyInstance, deps: { db: Kysely<Database>; municipality: string }): void {
  const { db } = deps;
  const { coordination, log, checkOr404 } = digicheckAccess(db);

  /** Scores, recommendations (with the office's services and their Reifegrad), plan and comparison. */
  async function analysisOf(check: Check) {
    const [answers, services, earlier, others] = await Promise.all([
      answersOf(db, check.id),
      check.organisationId ? ozgStatus(db) : Promise.resolve([]),
      earlierChecks(db, check),
      otherDepartmentsChecks(db, check),
    ]);
    const scoresOf = async (c: Check) => score(c.questionnaire, await answersOf(db, c.id));
    const previous = earlier[0];
    const comparison = compare(
      previous ? { createdAt: previous.createdAt, scores: await scoresOf(previous) } : undefined,
      await Promise.all(others.map(scoresOf)),
    );
    const own = services.filter((s) => s.organisationId === check.organisationId).map((s) => ({ id: s.id, title: s.title, maturity: s.maturity.level }));
    return { analysis: analyse(check, answers, own), comparison };
  }

  async function resultPage(
    request: FastifyRequest<CheckRoute>,
    reply: FastifyReply,
    session: StaffSession,
    state: { settings?: { start: string; budget: string; capacity: string }; errors?: PageError[] } = {},
  ) {
    const check = await checkOr404(request.params.id);
    const { analysis, comparison } = await analysisOf(check);
    const options = planOptionsOf(check);
    const errors = state.errors ?? [];
    return sendPage(
      noStore(reply),
      <ResultPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        check={check}
        analysis={analysis}
        comparison={comparison}
        settings={
          state.settings ?? { start: quarterLabel(options.start, 0), budget: String(Math.round(check.budgetCents / 100)), capacity: String(check.capacityDays) }
        }
        errors={errors}
        notice={request.query.erledigt === 'plan' ? request.t('dc.planChanged') : undefined}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get<CheckRoute>(`${DIGICHECK}/:id/ergebnis`, async (request, reply) => {
    const session = coordination(request, reply);
    return session ? resultPage(request, reply, session) : reply;
  });

  const fileName = (check: Check, ext: string) =>
    `digicheck-${check.department
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${check.createdAt.toISOString().slice(0, 10)}.${ext}`;

  app.get<CheckRoute>(`${DIGICHECK}/:id/bericht.pdf`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const check = await checkOr404(request.params.id);
    const { analysis, comparison } = await analysisOf(check);
    const data = await reportPdf(check, analysis, comparison, request.t, request.lang, deps.municipality);
    await log(session, 'digicheck.report', check.id, { format: 'pdf' });
    return sendDownload(reply, { filename: fileName(check, 'pdf'), mediaType: 'application/pdf', data });
  });

  app.get<CheckRoute>(`${DIGICHECK}/:id/massnahmen.csv`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const check = await checkOr404(request.params.id);
    const { analysis } = await analysisOf(check);
    await log(session, 'digicheck.report', check.id, { format: 'csv' });
    return sendDownload(reply, {
      filename: fileName(check, 'csv'),
      mediaType: 'text/csv; charset=utf-8',
      data: Buffer.from(measuresCsv(check, analysis, request.t, request.lang)),
    });
  });

  app.post<CheckRoute>(`${DIGICHECK}/:id/rahmen`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const check = await checkOr404(request.params.id);
    const settings = { start: text(request, 'start'), budget: text(request, 'budget'), capacity: text(request, 'capacity') };
    const start = /^(20\d\d)\s*Q([1-4])$/i.exec(settings.start);
    const budget = /^\d{1,3}(\.?\d{3})*$/.test(settings.budget) ? Number(settings.budget.replaceAll('.', '')) : Number.NaN;
    const capacity = /^\d{1,5}$/.test(settings.capacity) ? Number(settings.capacity) : Number.NaN;
    const t = request.t;
    const errors: PageError[] = [
      ...(start ? [] : [{ target: 'start', message: t('dc.error.start') }]),
      ...(Number.isSafeInteger(budget) && budget <= 1_000_000_000 ? [] : [{ target: 'budget', message: t('dc.error.budget') }]),
      ...(Number.isInteger(capacity) ? [] : [{ target: 'capacity', message: t('dc.error.capacity') }]),
    ];
    if (errors.length || !start) return resultPage(request, reply, session, { settings, errors });
    const planStart = `${start[1]}-${String((Number(start[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    await savePlan(db, check.id, { planStart, budgetCents: budget * 100, capacityDays: capacity, edits: check.planEdits });
    await log(session, 'digicheck.plan_frame', check.id, { planStart, budgetCents: budget * 100, capacityDays: capacity });
    return reply.redirect(`${DIGICHECK}/${check.id}/ergebnis?erledigt=plan`, 303);
  });

  app.post<CheckRoute>(`${DIGICHECK}/:id/plan`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const check = await checkOr404(request.params.id);
    const action = text(request, 'action');
    const key = text(request, 'key').slice(0, 200);
    const quarter = text(request, 'quarter');
    const change: PlanChange | undefined =
      action === 'drop' || action === 'restore'
        ? key
          ? { kind: action, key }
          : undefined
        : action === 'add' && check.measures.measures.some((m) => m.id === text(request, 'measure') && !m.perService)
          ? { kind: 'add', measureId: text(request, 'measure') }
          : action === 'pin' && key && (quarter === '' || (/^\d{1,2}$/.test(quarter) && Number(quarter) < 12))
            ? { kind: 'pin', key, quarter: quarter === '' ? null : Number(quarter) }
            : undefined;
    if (!change) throw new HttpError(400, 'bad-request', 'Unknown change to the plan');
    const edits = applyChange(check.planEdits, change);
    await savePlan(db, check.id, { planStart: check.planStart, budgetCents: check.budgetCents, capacityDays: check.capacityDays, edits });
    await log(session, 'digicheck.plan_changed', check.id, { ...change });
    return reply.redirect(`${DIGICHECK}/${check.id}/ergebnis?erledigt=plan`, 303);
  });
}
