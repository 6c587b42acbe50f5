// The three-year plan on DigiCheck's results page: its frame (start, budget, capacity), costs and
// effort per plan year, the Gantt chart and the measures by starting quarter.
import { GanttChart } from '../../platform/views/charts.tsx';
import { DataTable } from '../../platform/views/components.tsx';
import { Input } from '../../platform/views/inputs.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { DIGICHECK } from './digicheck.tsx';
import { days, euros, local } from './digicheck-format.ts';
import type { ResultProps } from './digicheck-result.tsx';

export function Plan({ ctx, check, analysis, settings, errors }: Pick<ResultProps, 'ctx' | 'check' | 'analysis' | 'settings' | 'errors'>) {
  const { t } = ctx;
  const { roadmap } = analysis;
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message;
  const sum = (pick: (y: (typeof roadmap.years)[number]) => [number, number]) =>
    roadmap.years.reduce<[number, number]>((acc, y) => [acc[0] + pick(y)[0], acc[1] + pick(y)[1]], [0, 0]);
  return (
    <section aria-labelledby="plan-title">
      <h2 class="kern-heading-medium" id="plan-title">
        {t('dc.roadmap')}
      </h2>
      <p class="kern-body">{t('dc.roadmapIntro')}</p>
      <form method="post" action={`${DIGICHECK}/${check.id}/rahmen`} novalidate>
        <CsrfField ctx={ctx} />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('dc.settings')}</legend>
          <Input
            ctx={ctx}
            spec={{
              name: 'start',
              label: t('dc.start'),
              hint: t('dc.startHint'),
              type: 'text',
              autocomplete: 'off',
              value: settings.start,
              width: 'input-width-10',
            }}
            error={errorOf('start')}
          />
          <Input
            ctx={ctx}
            spec={{
              name: 'budget',
              label: t('dc.budget'),
              type: 'text',
              autocomplete: 'off',
              value: settings.budget,
              width: 'input-width-10',
              inputMode: 'numeric',
            }}
            error={errorOf('budget')}
          />
          <Input
            ctx={ctx}
            spec={{
              name: 'capacity',
              label: t('dc.capacity'),
              type: 'text',
              autocomplete: 'off',
              value: settings.capacity,
              width: 'input-width-10',
              inputMode: 'numeric',
            }}
            error={errorOf('capacity')}
          />
        </fieldset>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('dc.saveSettings')}</span>
        </button>
      </form>
      <DataTable
        caption={t('dc.years')}
        captionClass="kern-heading-small"
        columns={[t('dc.col.year'), t('dc.col.oneOff'), t('dc.col.recurring'), t('dc.col.total'), t('dc.col.effort')]}
      >
        {roadmap.years.map((y) => (
          <tr key={y.index}>
            <th scope="row">
              {t('dc.yearLabel', { n: y.index + 1, from: roadmap.quarterLabels[y.index * 4] ?? '', to: roadmap.quarterLabels[y.index * 4 + 3] ?? '' })}
            </th>
            <td>{euros(ctx, y.oneOffCents)}</td>
            <td>{euros(ctx, y.recurringCents)}</td>
            <td>{euros(ctx, y.totalCents)}</td>
            <td>{days(ctx, y.effortDays)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('dc.total')}</th>
          <td>
            {euros(
              ctx,
              sum((y) => y.oneOffCents),
            )}
          </td>
          <td>
            {euros(
              ctx,
              sum((y) => y.recurringCents),
            )}
          </td>
          <td>
            {euros(
              ctx,
              sum((y) => y.totalCents),
            )}
          </td>
          <td>
            {days(
              ctx,
              sum((y) => y.effortDays),
            )}
          </td>
        </tr>
      </DataTable>
      {roadmap.items.length ? (
        <GanttChart
          id="roadmap-gantt"
          title={t('dc.roadmap')}
          description={t('dc.ganttAlt', { n: roadmap.items.length, from: roadmap.quarterLabels[0] ?? '', to: roadmap.quarterLabels.at(-1) ?? '' })}
          periods={roadmap.quarterLabels}
          rows={roadmap.items.map((i) => ({
            label: i.service
              ? t('dc.forService', { measure: local(ctx, i.measure.name), service: i.service.title, maturity: i.service.maturity })
              : local(ctx, i.measure.name),
            start: i.start,
            end: i.end,
            muted: i.asPrerequisite,
          }))}
        />
      ) : null}
      {roadmap.quarterLabels.map((label, q) => {
        const starting = roadmap.items.filter((i) => i.start === q);
        return starting.length ? (
          <div key={label}>
            <h3 class="kern-heading-small">{label}</h3>
            <ul class="kern-list">
              {starting.map((i) => (
                <li key={i.key}>
                  {i.service
                    ? t('dc.forService', { measure: local(ctx, i.measure.name), service: i.service.title, maturity: i.service.maturity })
                    : local(ctx, i.measure.name)}{' '}
                  ({roadmap.quarterLabels[i.start]} – {roadmap.quarterLabels[i.end]})
                </li>
              ))}
            </ul>
          </div>
        ) : null;
      })}
    </section>
  );
}
