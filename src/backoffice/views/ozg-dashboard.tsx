// The OZG dashboard's sections: maturity distribution as chart and table, progress by Themenfeld,
// services by priority and status, overdue target dates, the roadmap of planned go-lives, and the
// usage of the online services.
import {
  byQuarter,
  germanDay,
  LEVELS,
  type OzgLeistungPlan,
  PLAN_STATUSES,
  type PlanStatus,
  PRIORITIES,
  type Priority,
  quarterSpan,
  type Reifegrad,
  type ServiceStatus,
  type ServiceUsage,
} from '../../ozg/index.ts';
import { BarChart, TimelineChart } from '../../platform/views/charts.tsx';
import { DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { levelLabel, OZG } from './ozg.tsx';

const link = (s: ServiceStatus) => (
  <a class="kern-link" href={`${OZG}/${s.id}`}>
    {s.title}
  </a>
);

export function Distribution({ ctx, counts }: { ctx: ViewContext; counts: Record<Reifegrad, number> }) {
  const { t } = ctx;
  const total = LEVELS.reduce((n: number, l) => n + counts[l], 0);
  return (
    <section aria-labelledby="distribution-title">
      <h2 class="kern-heading-medium" id="distribution-title">
        {t('ozg.distribution')}
      </h2>
      <BarChart
        id="distribution"
        title={t('ozg.distribution')}
        description={t('ozg.chartDesc', { total })}
        bars={LEVELS.map((l) => ({ label: levelLabel(ctx, l), value: counts[l] }))}
      />
      <DataTable caption={t('ozg.distribution')} columns={[t('ozg.reifegrad'), t('ozg.services')]}>
        {LEVELS.map((l) => (
          <tr key={l}>
            <th scope="row">{levelLabel(ctx, l)}</th>
            <td>{counts[l]}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** Services per group (a service may be in several) and maturity level, as a table. */
function ByGroup({
  ctx,
  id,
  title,
  column,
  services,
  groupsOf,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  column: string;
  services: ServiceStatus[];
  groupsOf: (s: ServiceStatus) => string[];
}) {
  const groups = new Map<string, Record<Reifegrad, number>>();
  for (const s of services) {
    for (const name of groupsOf(s)) {
      const row = groups.get(name) ?? { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
      row[s.maturity.level]++;
      groups.set(name, row);
    }
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 class="kern-heading-medium" id={`${id}-title`}>
        {title}
      </h2>
      <DataTable caption={title} columns={[column, ...LEVELS.map((l) => levelLabel(ctx, l))]}>
        {[...groups]
          .sort(([a], [b]) => a.localeCompare(b, 'de'))
          .map(([name, row]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {LEVELS.map((l) => (
                <td key={l}>{row[l]}</td>
              ))}
            </tr>
          ))}
      </DataTable>
    </section>
  );
}

export function ByThemenfeld({ ctx, services }: { ctx: ViewContext; services: ServiceStatus[] }) {
  const { t } = ctx;
  return (
    <ByGroup
      ctx={ctx}
      id="themenfeld"
      title={t('ozg.byThemenfeld')}
      column={t('ozg.themenfeld')}
      services={services}
      groupsOf={(s) => [s.themenfeld ?? t('ozg.noThemenfeld')]}
    />
  );
}

export function ByLebenslage({ ctx, services }: { ctx: ViewContext; services: ServiceStatus[] }) {
  const { t } = ctx;
  return (
    <ByGroup
      ctx={ctx}
      id="lebenslage"
      title={t('ozg.byLebenslage')}
      column={t('ozg.lebenslage')}
      services={services}
      groupsOf={(s) => (s.lebenslagen.length > 0 ? s.lebenslagen : [t('ozg.noLebenslage')])}
    />
  );
}

export function ByPriority({ ctx, services }: { ctx: ViewContext; services: ServiceStatus[] }) {
  const { t } = ctx;
  const statuses = Object.keys(PLAN_STATUSES).map(Number) as PlanStatus[];
  const priorities = (Object.keys(PRIORITIES).map(Number) as Priority[]).reverse();
  const count = (p: Priority, st: PlanStatus) => services.filter((s) => s.plan?.priority === p && s.plan.status === st).length;
  return (
    <section aria-labelledby="priority-title">
      <h2 class="kern-heading-medium" id="priority-title">
        {t('ozg.byPriority')}
      </h2>
      <DataTable caption={t('ozg.byPriority')} columns={[t('ozg.priority'), ...statuses.map((st) => PLAN_STATUSES[st])]}>
        {priorities.map((p) => (
          <tr key={p}>
            <th scope="row">{PRIORITIES[p]}</th>
            {statuses.map((st) => (
              <td key={st}>{count(p, st)}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p class="kern-body">{t('ozg.unplanned', { n: services.filter((s) => !s.plan).length })}</p>
    </section>
  );
}

export function Overdue({ ctx, services, today }: { ctx: ViewContext; services: ServiceStatus[]; today: string }) {
  const { t } = ctx;
  const overdue = services.filter((s) => s.plan?.targetDate && s.plan.targetDate < today && s.plan.status !== 4);
  return (
    <section aria-labelledby="overdue-title">
      <h2 class="kern-heading-medium" id="overdue-title">
        {t('ozg.overdue')}
      </h2>
      {overdue.length === 0 ? (
        <p class="kern-body">{t('ozg.noneOverdue')}</p>
      ) : (
        <DataTable caption={t('ozg.overdue')} columns={[t('bo.deliveries.service'), t('ozg.targetDate'), t('ozg.planStatus'), t('ozg.responsible')]}>
          {overdue.map((s) => (
            <tr key={s.id}>
              <th scope="row">{link(s)}</th>
              <td>{germanDay(s.plan?.targetDate ?? null)}</td>
              <td>{s.plan ? PLAN_STATUSES[s.plan.status] : ''}</td>
              <td>{s.plan?.responsiblePerson || '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** A planned go-live on the roadmap: a local service, or an OZG-Leistung without one yet. */
interface GoLive {
  key: string;
  title: string;
  href: string;
  targetDate: string | null;
  status: PlanStatus;
  uncovered: boolean;
}

/** Three years of quarters at most; anything planned later is one last column. */
function timeline(quarters: string[], counts: Map<string, number>, later: string) {
  const columns = quarters.slice(0, 12).map((q) => ({ label: q, value: counts.get(q) ?? 0 }));
  const rest = quarters.slice(12).reduce((n, q) => n + (counts.get(q) ?? 0), 0);
  return rest > 0 ? [...columns, { label: later, value: rest }] : columns;
}

export function Roadmap({ ctx, services, leistungen, today }: { ctx: ViewContext; services: ServiceStatus[]; leistungen: OzgLeistungPlan[]; today: string }) {
  const { t } = ctx;
  const goLives: GoLive[] = [
    ...services.flatMap((s) =>
      s.plan ? [{ key: s.id, title: s.title, href: `${OZG}/${s.id}`, targetDate: s.plan.targetDate, status: s.plan.status, uncovered: false }] : [],
    ),
    ...leistungen.flatMap((l) =>
      l.plan
        ? [
            {
              key: `ozg-${l.ozgId}`,
              title: l.name,
              href: `${OZG}/leistungen/${l.ozgId}`,
              targetDate: l.plan.targetDate,
              status: l.plan.status,
              uncovered: true,
            },
          ]
        : [],
    ),
  ];
  const planned = byQuarter(goLives.filter((g) => g.status !== 4 && (g.targetDate ?? '') >= today));
  const counts = new Map(planned.map((q) => [q.quarter, q.items.length]));
  return (
    <section aria-labelledby="roadmap-title">
      <h2 class="kern-heading-medium" id="roadmap-title">
        {t('ozg.roadmap')}
      </h2>
      {planned.length === 0 ? (
        <p class="kern-body">{t('ozg.noRoadmap')}</p>
      ) : (
        <TimelineChart
          id="roadmap-chart"
          title={t('ozg.roadmap')}
          description={t('ozg.roadmapChart')}
          columns={timeline(quarterSpan(planned.map((q) => q.quarter)), counts, t('ozg.later'))}
        />
      )}
      {planned.map((q) => (
        <div key={q.quarter}>
          <h3 class="kern-heading-small">{q.quarter}</h3>
          <ul class="kern-list">
            {q.items.map((g) => (
              <li key={g.key}>
                <a class="kern-link" href={g.href}>
                  {g.title}
                </a>
                {g.uncovered ? ` (${t('ozg.noLocalService')})` : null} – {germanDay(g.targetDate)} ({PLAN_STATUSES[g.status]})
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

const percent = (rate: number | null, lang: string) =>
  rate === null ? '–' : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(rate * 100)} %`;
const days = (value: number | null, lang: string) => (value === null ? '–' : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value));

export function Usage({ ctx, services, usage }: { ctx: ViewContext; services: ServiceStatus[]; usage: Map<string, ServiceUsage> }) {
  const { t } = ctx;
  const online = services.filter((s) => usage.has(s.id));
  return (
    <section aria-labelledby="usage-title">
      <h2 class="kern-heading-medium" id="usage-title">
        {t('ozg.usage')}
      </h2>
      {online.length === 0 ? (
        <p class="kern-body">{t('ozg.noUsage')}</p>
      ) : (
        <DataTable
          caption={t('ozg.usage')}
          columns={[t('bo.deliveries.service'), t('ozg.started'), t('ozg.submitted'), t('ozg.completion'), t('ozg.medianDays')]}
        >
          {online.map((s) => {
            const u = usage.get(s.id) as ServiceUsage;
            return (
              <tr key={s.id}>
                <th scope="row">{link(s)}</th>
                <td>{u.started}</td>
                <td>{u.submitted}</td>
                <td>{percent(u.completionRate, ctx.lang)}</td>
                <td>{days(u.medianDays, ctx.lang)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

export function MonthlyUsage({ ctx, usage }: { ctx: ViewContext; usage: ServiceUsage | undefined }) {
  const { t } = ctx;
  const month = (m: string) => new Intl.DateTimeFormat(ctx.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(m));
  return (
    <section aria-labelledby="monthly-title">
      <h2 class="kern-heading-medium" id="monthly-title">
        {t('ozg.usage')}
      </h2>
      {usage ? (
        <>
          <p class="kern-body">{t('ozg.usageSummary', { completion: percent(usage.completionRate, ctx.lang), days: days(usage.medianDays, ctx.lang) })}</p>
          <DataTable caption={t('ozg.usage')} columns={[t('ozg.month'), t('ozg.started'), t('ozg.submitted')]}>
            {usage.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{month(m.month)}</th>
                <td>{m.started}</td>
                <td>{m.submitted}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : (
        <p class="kern-body">{t('ozg.noUsage')}</p>
      )}
    </section>
  );
}
