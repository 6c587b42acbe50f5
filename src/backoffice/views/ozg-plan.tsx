// A service's implementation plan (responsible person, KDN priority and status, planned go-live,
// solution, notes) and its milestones, on the OZG coordination's service page.
import { germanDay, type Milestone, PLAN_STATUSES, PRIORITIES, SOLUTIONS } from '../../ozg/index.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { Input, Radios, TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField, PostButton } from '../../platform/views/simple-pages.tsx';

const errorOf = (errors: PageError[], target: string) => errors.find((e) => e.target === target)?.message;

/** The plan form's values as typed (dates as TT.MM.JJJJ). */
export type PlanValues = Record<'responsiblePerson' | 'priority' | 'status' | 'targetDate' | 'solution' | 'solutionDetail' | 'notes', string>;

export function PlanSection({ ctx, base, values, errors }: { ctx: ViewContext; base: string; values: PlanValues; errors: PageError[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="plan-title">
      <h2 class="kern-heading-medium" id="plan-title">
        {t('ozg.plan')}
      </h2>
      <form method="post" action={`${base}/planung`} novalidate>
        <CsrfField ctx={ctx} />
        <Input
          ctx={ctx}
          spec={{ name: 'responsiblePerson', label: t('ozg.responsible'), type: 'text', autocomplete: 'off', value: values.responsiblePerson }}
        />
        <Radios
          ctx={ctx}
          name="priority"
          legend={t('ozg.priority')}
          options={Object.entries(PRIORITIES).map(([id, name]) => ({ value: id, label: name }))}
          value={values.priority}
          error={errorOf(errors, 'priority')}
        />
        <Radios
          ctx={ctx}
          name="status"
          legend={t('ozg.planStatus')}
          options={Object.entries(PLAN_STATUSES).map(([id, name]) => ({ value: id, label: name }))}
          value={values.status}
          error={errorOf(errors, 'status')}
        />
        <Input
          ctx={ctx}
          spec={{
            name: 'targetDate',
            label: t('ozg.targetDate'),
            hint: t('form.format.date'),
            type: 'text',
            autocomplete: 'off',
            value: values.targetDate,
            width: 'input-width-10',
          }}
          error={errorOf(errors, 'targetDate')}
        />
        <Radios
          ctx={ctx}
          name="solution"
          legend={t('ozg.solution')}
          options={SOLUTIONS.map((s) => ({ value: s, label: t(`ozg.solution.${s}` as MessageKey) }))}
          value={values.solution}
          error={errorOf(errors, 'solution')}
        />
        <Input
          ctx={ctx}
          spec={{
            name: 'solutionDetail',
            label: t('ozg.solutionDetail'),
            hint: t('ozg.solutionDetailHint'),
            type: 'text',
            autocomplete: 'off',
            value: values.solutionDetail,
          }}
          error={errorOf(errors, 'solutionDetail')}
        />
        <TextArea ctx={ctx} name="notes" label={t('ozg.notes')} value={values.notes} rows={4} maxLength={5000} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('ozg.savePlan')}</span>
        </button>
      </form>
    </section>
  );
}

export function MilestoneSection({
  ctx,
  base,
  milestones,
  values,
  errors,
}: {
  ctx: ViewContext;
  base: string;
  milestones: Milestone[];
  values: { title: string; dueDate: string };
  errors: PageError[];
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="milestones-title">
      <h2 class="kern-heading-medium" id="milestones-title">
        {t('ozg.milestones')}
      </h2>
      {milestones.length === 0 ? (
        <p class="kern-body">{t('ozg.noMilestones')}</p>
      ) : (
        <DataTable caption={t('ozg.milestones')} columns={[t('ozg.milestone'), t('ozg.due'), t('bo.deliveries.state')]}>
          {milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.title}</th>
              <td>{germanDay(m.dueDate)}</td>
              <td>
                {m.doneAt ? (
                  t('ozg.done')
                ) : (
                  <PostButton ctx={ctx} action={`${base}/meilensteine/${m.id}/erledigt`} label={t('ozg.markDone', { title: m.title })} />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action={`${base}/meilensteine`} novalidate>
        <CsrfField ctx={ctx} />
        <Input
          ctx={ctx}
          spec={{ name: 'title', label: t('ozg.milestone'), type: 'text', autocomplete: 'off', value: values.title }}
          error={errorOf(errors, 'title')}
        />
        <Input
          ctx={ctx}
          spec={{
            name: 'dueDate',
            label: t('ozg.due'),
            hint: t('form.format.date'),
            type: 'text',
            autocomplete: 'off',
            value: values.dueDate,
            width: 'input-width-10',
          }}
          error={errorOf(errors, 'dueDate')}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('ozg.addMilestone')}</span>
        </button>
      </form>
    </section>
  );
}
