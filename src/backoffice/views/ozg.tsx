// OZG implementation (role OZG-Koordination): every service's Reifegrad with the next step, and one
// service's criteria – met and missing – with the coordination's override and its reason.
import type { Criterion, Milestone, OzgLeistungPlan, Reifegrad, ServiceStatus, ServiceUsage } from '../../ozg/index.ts';
import { germanDay, LEVELS, PLAN_STATUSES } from '../../ozg/index.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DataTable, DescriptionItem, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField, PostButton } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';
import { ByLebenslage, ByPriority, ByThemenfeld, Distribution, MonthlyUsage, Overdue, Roadmap, Usage } from './ozg-dashboard.tsx';
import { MilestoneSection, PlanSection, type PlanValues } from './ozg-plan.tsx';

export const OZG = '/backoffice/ozg';

export const levelLabel = (ctx: ViewContext, level: Reifegrad) => ctx.t(`ozg.level.${level}` as MessageKey);
const criterionText = (ctx: ViewContext, c: Criterion, met: boolean) => ctx.t(`ozg.criterion.${c}.${met ? 'met' : 'missing'}` as MessageKey);

function LevelCell({ ctx, service }: { ctx: ViewContext; service: ServiceStatus }) {
  const m = service.maturity;
  return (
    <>
      {levelLabel(ctx, m.level)}
      {m.override ? ` (${ctx.t('ozg.overridden')})` : m.external ? ` (${ctx.t('ozg.external')})` : ''}
    </>
  );
}

export interface OzgProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  /** Every service, for the dashboard. */
  all: ServiceStatus[];
  /** The services listed (filtered by level). */
  services: ServiceStatus[];
  counts: Record<Reifegrad, number>;
  level?: Reifegrad;
  /** YYYY-MM-DD */
  today: string;
  usage: Map<string, ServiceUsage>;
  /** OZG-Leistungen planned before a local service exists, for the roadmap. */
  leistungen: OzgLeistungPlan[];
}

export function OzgPage({ ctx, viewer, all, services, counts, level, today, usage, leistungen }: OzgProps) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('ozg.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('ozg.title')}</h1>
      <p class="kern-body">{t('ozg.intro')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={`${OZG}/export.csv`}>
            {t('ozg.exportCsv')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${OZG}/export.xlsx`}>
            {t('ozg.exportXlsx')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/api/v1/ozg/status">
            {t('ozg.exportJson')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${OZG}/leistungen`}>
            {t('ozg.uncoveredTitle')}
          </a>
        </li>
      </ul>
      <Distribution ctx={ctx} counts={counts} />
      <ByThemenfeld ctx={ctx} services={all} />
      <ByLebenslage ctx={ctx} services={all} />
      <ByPriority ctx={ctx} services={all} />
      <Overdue ctx={ctx} services={all} today={today} />
      <Roadmap ctx={ctx} services={all} leistungen={leistungen} today={today} />
      <Usage ctx={ctx} services={all} usage={usage} />
      <h2 class="kern-heading-medium">{t('ozg.services')}</h2>
      <form method="get" action={OZG} class="bo-filters" aria-label={t('ozg.filter')}>
        <SelectField
          id="reifegrad"
          name="reifegrad"
          label={t('ozg.reifegrad')}
          emptyLabel={t('bo.deliveries.allStates')}
          selected={level === undefined ? '' : String(level)}
          options={LEVELS.map((l) => ({ value: String(l), label: levelLabel(ctx, l) }))}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('bo.deliveries.show')}</span>
        </button>
      </form>
      <DataTable caption={t('ozg.services')} columns={[t('bo.deliveries.service'), t('ozg.ozgId'), t('ozg.reifegrad'), t('ozg.next')]}>
        {services.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <a class="kern-link" href={`${OZG}/${s.id}`}>
                {s.title}
              </a>
            </th>
            <td>{s.ozgId ?? '–'}</td>
            <td>
              <LevelCell ctx={ctx} service={s} />
            </td>
            <td>{s.maturity.missing[0] ? criterionText(ctx, s.maturity.missing[0], false) : '–'}</td>
          </tr>
        ))}
      </DataTable>
    </BackofficeLayout>
  );
}

export interface OzgServiceProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: ServiceStatus;
  milestones: Milestone[];
  errors: PageError[];
  values: { level: string; reason: string };
  plan: PlanValues;
  milestone: { title: string; dueDate: string };
  usage: ServiceUsage | undefined;
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
}

export function OzgServicePage({ ctx, viewer, service: s, milestones, errors, values, plan, milestone, usage, notice }: OzgServiceProps) {
  const { t } = ctx;
  const m = s.maturity;
  const base = `${OZG}/${s.id}`;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${s.title}` : s.title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} notice={notice} back={{ href: OZG, label: t('ozg.title') }} />
      <h1 class="kern-heading-large">{s.title}</h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('ozg.reifegrad')}>
          <LevelCell ctx={ctx} service={s} />
        </DescriptionItem>
        <DescriptionItem label={t('ozg.computed')}>{levelLabel(ctx, m.computed)}</DescriptionItem>
        {m.override ? <DescriptionItem label={t('ozg.overrideReason')}>{m.override.reason}</DescriptionItem> : null}
        <DescriptionItem label={t('ozg.ozgId')}>{s.ozgId ?? '–'}</DescriptionItem>
        <DescriptionItem label={t('ozg.leika')}>{s.leikaKey ?? '–'}</DescriptionItem>
      </dl>
      <h2 class="kern-heading-medium">{t('ozg.why')}</h2>
      <ul class="kern-list">
        {m.met.map((c) => (
          <li key={c}>{criterionText(ctx, c, true)}</li>
        ))}
      </ul>
      {m.external ? <p class="kern-body">{t('ozg.externalNote')}</p> : null}
      {m.missing.length > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t('ozg.missingFor', { level: levelLabel(ctx, (m.computed + 1) as Reifegrad) })}</h2>
          <ul class="kern-list">
            {m.missing.map((c) => (
              <li key={c}>{criterionText(ctx, c, false)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('ozg.override')}</h2>
      <p class="kern-body">{t('ozg.overrideIntro')}</p>
      <form method="post" action={`${base}/festlegung`} novalidate>
        <CsrfField ctx={ctx} />
        <SelectField
          ctx={ctx}
          id="level"
          name="level"
          label={t('ozg.reifegrad')}
          emptyLabel={t('ozg.choose')}
          selected={values.level}
          options={LEVELS.map((l) => ({ value: String(l), label: levelLabel(ctx, l) }))}
          error={errors.find((e) => e.target === 'level')?.message}
        />
        <TextArea
          ctx={ctx}
          name="reason"
          label={t('ozg.overrideReason')}
          hint={t('ozg.reasonHint')}
          value={values.reason}
          rows={3}
          maxLength={1000}
          error={errors.find((e) => e.target === 'reason')?.message}
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('ozg.setOverride')}</span>
        </button>
      </form>
      {m.override ? (
        <div class="bo-actions">
          <PostButton ctx={ctx} action={`${base}/festlegung-aufheben`} label={t('ozg.removeOverride')} />
        </div>
      ) : null}
      <PlanSection ctx={ctx} base={base} values={plan} errors={errors} />
      <MilestoneSection ctx={ctx} base={base} milestones={milestones} values={milestone} errors={errors} />
      <MonthlyUsage ctx={ctx} usage={usage} />
    </BackofficeLayout>
  );
}

export function OzgLeistungenPage({ ctx, viewer, leistungen }: { ctx: ViewContext; viewer: StaffViewer; leistungen: OzgLeistungPlan[] }) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('ozg.uncoveredTitle')} staff={viewer}>
      <PageTop ctx={ctx} back={{ href: OZG, label: t('ozg.title') }} />
      <h1 class="kern-heading-large">{t('ozg.uncoveredTitle')}</h1>
      <p class="kern-body">{t('ozg.uncoveredIntro', { n: leistungen.length })}</p>
      <DataTable
        caption={t('ozg.uncoveredTitle')}
        columns={[t('ozg.ozgId'), t('match.ozgLeistung'), t('ozg.themenfeld'), t('ozg.planStatus'), t('ozg.targetDate')]}
      >
        {leistungen.map((l) => (
          <tr key={l.ozgId}>
            <td>{l.ozgId}</td>
            <th scope="row">
              <a class="kern-link" href={`${OZG}/leistungen/${l.ozgId}`}>
                {l.name}
              </a>
            </th>
            <td>{l.themenfeld}</td>
            <td>{l.plan ? PLAN_STATUSES[l.plan.status] : t('ozg.notPlanned')}</td>
            <td>{germanDay(l.plan?.targetDate ?? null) || '–'}</td>
          </tr>
        ))}
      </DataTable>
    </BackofficeLayout>
  );
}

export function OzgLeistungPage({
  ctx,
  viewer,
  leistung,
  plan,
  milestones,
  milestone,
  errors,
  saved,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  leistung: OzgLeistungPlan;
  plan: PlanValues;
  milestones: Milestone[];
  milestone: { title: string; dueDate: string };
  errors: PageError[];
  /** The confirmation of what was just saved. */
  saved?: string;
}) {
  const { t } = ctx;
  const title = `${leistung.name} (${leistung.ozgId})`;
  const base = `${OZG}/leistungen/${leistung.ozgId}`;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={saved && errors.length === 0 ? { kind: 'success', title: t('bo.integrations.saved'), text: saved } : undefined}
        back={{ href: `${OZG}/leistungen`, label: t('ozg.uncoveredTitle') }}
      />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('ozg.uncoveredLead', { themenfeld: leistung.themenfeld })}</p>
      <PlanSection ctx={ctx} base={base} values={plan} errors={errors} />
      <MilestoneSection ctx={ctx} base={base} milestones={milestones} values={milestone} errors={errors} />
    </BackofficeLayout>
  );
}
