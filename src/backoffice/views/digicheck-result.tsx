// A DigiCheck's results: scores per Prüffeld (chart and table), where staff and managers disagree,
// the comparison, recommended measures with their reasons and costs, and the three-year plan with
// its frame (start, budget, capacity) and the interviewer's changes (drop, restore, pin, add).
import type { Analysis, Check, Comparison } from '../../digicheck/index.ts';
import { BarChart } from '../../platform/views/charts.tsx';
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { CsrfField, PostButton } from '../../platform/views/simple-pages.tsx';
import { DIGICHECK } from './digicheck.tsx';
import { days, euros, local, num } from './digicheck-format.ts';
import { Plan } from './digicheck-plan.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export interface ResultProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  check: Check;
  analysis: Analysis;
  comparison: Comparison;
  settings: { start: string; budget: string; capacity: string };
  errors: PageError[];
  notice?: string;
}

export function ResultPage({ ctx, viewer, check, analysis, comparison, settings, errors, notice }: ResultProps) {
  const { t } = ctx;
  const title = t('dc.resultTitle', { department: check.department });
  const { scores } = analysis;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={notice && !errors.length ? { kind: 'success', title: t('dc.saved'), text: notice } : undefined}
        back={{ href: `${DIGICHECK}/${check.id}`, label: t('dc.checkTitle', { department: check.department }) }}
      />
      <h1 class="kern-heading-large">{title}</h1>
      <ul class="kern-list kern-list--horizontal">
        <li>
          <a class="kern-link" href={`${DIGICHECK}/${check.id}/bericht.pdf`} download>
            {t('dc.pdf')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${DIGICHECK}/${check.id}/massnahmen.csv`} download>
            {t('dc.csv')}
          </a>
        </li>
      </ul>
      <p class="kern-body">{scores.overall === null ? t('dc.overallNone') : t('dc.overall', { score: num(ctx, scores.overall) })}</p>
      <Scores ctx={ctx} check={check} analysis={analysis} comparison={comparison} />
      <Measures ctx={ctx} check={check} analysis={analysis} />
      <Plan ctx={ctx} check={check} analysis={analysis} settings={settings} errors={errors} />
    </BackofficeLayout>
  );
}

function Scores({ ctx, check, analysis, comparison }: Pick<ResultProps, 'ctx' | 'check' | 'analysis' | 'comparison'>) {
  const { t } = ctx;
  const fields = check.questionnaire.categories.filter((c) => check.fields.includes(c.id));
  const scoreOf = (id: string) => analysis.scores.categories.find((c) => c.categoryId === id);
  const question = (id: string) => check.questionnaire.questions.find((q) => q.id === id);
  return (
    <>
      <section aria-labelledby="scores-title">
        <h2 class="kern-heading-medium" id="scores-title">
          {t('dc.scores')}
        </h2>
        <BarChart
          id="scores-chart"
          title={t('dc.scores')}
          description={t('dc.scoresChart')}
          bars={fields.map((c) => ({ label: local(ctx, c.name), value: scoreOf(c.id)?.mean ?? 0 }))}
        />
        <DataTable
          caption={t('dc.scores')}
          columns={[t('dc.col.field'), t('dc.col.mean'), t('dc.col.staff'), t('dc.col.managers'), t('dc.col.spread'), t('dc.col.answered')]}
        >
          {fields.map((c) => {
            const s = scoreOf(c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{local(ctx, c.name)}</th>
                <td>{num(ctx, s?.mean ?? null)}</td>
                <td>{num(ctx, s?.byRole.staff ?? null)}</td>
                <td>{num(ctx, s?.byRole.manager ?? null)}</td>
                <td>{num(ctx, s?.spread ?? 0)}</td>
                <td>{t('dc.progress', { answered: s?.answered ?? 0, total: s?.questions ?? 0 })}</td>
              </tr>
            );
          })}
        </DataTable>
      </section>
      <section aria-labelledby="disagreements-title">
        <h2 class="kern-heading-medium" id="disagreements-title">
          {t('dc.disagreements')}
        </h2>
        {analysis.scores.disagreements.length === 0 ? (
          <p class="kern-body">{t('dc.noDisagreements')}</p>
        ) : (
          <>
            <p class="kern-body">{t('dc.disagreementsIntro')}</p>
            <DataTable caption={t('dc.disagreements')} columns={[t('dc.col.question'), t('dc.col.staff'), t('dc.col.managers')]}>
              {analysis.scores.disagreements.map((d) => (
                <tr key={d.questionId}>
                  <th scope="row">{local(ctx, question(d.questionId)?.text ?? { de: d.questionId, en: d.questionId })}</th>
                  <td>{num(ctx, d.staff)}</td>
                  <td>{num(ctx, d.manager)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>
      <section aria-labelledby="findings-title">
        <h2 class="kern-heading-medium" id="findings-title">
          {t('dc.findings')}
        </h2>
        {analysis.findings.length === 0 ? (
          <p class="kern-body">{t('dc.noFindings')}</p>
        ) : (
          <>
            <p class="kern-body">{t('dc.findingsIntro')}</p>
            <DataTable caption={t('dc.findings')} columns={[t('dc.col.question'), t('dc.col.mean'), t('dc.col.notes')]}>
              {analysis.findings.map((f) => (
                <tr key={f.questionId}>
                  <th scope="row">{local(ctx, question(f.questionId)?.text ?? { de: f.questionId, en: f.questionId })}</th>
                  <td>{num(ctx, f.mean)}</td>
                  <td>{f.notes.join(' · ')}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>
      <section aria-labelledby="comparison-title">
        <h2 class="kern-heading-medium" id="comparison-title">
          {t('dc.comparison')}
        </h2>
        {!comparison.previous && !comparison.others ? (
          <p class="kern-body">{t('dc.noComparison')}</p>
        ) : (
          <DataTable
            caption={t('dc.comparison')}
            columns={[
              t('dc.col.field'),
              t('dc.col.this'),
              ...(comparison.previous ? [t('dc.col.previous', { date: comparison.previous.createdAt.toISOString().slice(0, 10) })] : []),
              ...(comparison.others ? [t('dc.col.others', { n: comparison.others.departments })] : []),
            ]}
          >
            {fields.map((c) => (
              <tr key={c.id}>
                <th scope="row">{local(ctx, c.name)}</th>
                <td>{num(ctx, scoreOf(c.id)?.mean ?? null)}</td>
                {comparison.previous ? <td>{num(ctx, comparison.previous.categories.get(c.id) ?? null)}</td> : null}
                {comparison.others ? <td>{num(ctx, comparison.others.categories.get(c.id) ?? null)}</td> : null}
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

function Measures({ ctx, check, analysis }: Pick<ResultProps, 'ctx' | 'check' | 'analysis'>) {
  const { t } = ctx;
  const base = `${DIGICHECK}/${check.id}`;
  const question = (id: string) => local(ctx, check.questionnaire.questions.find((q) => q.id === id)?.text ?? { de: id, en: id });
  const { roadmap } = analysis;
  const planned = new Map(roadmap.items.map((i) => [i.key, i]));
  const unplanned = new Map(roadmap.unplanned.map((u) => [u.key, u]));
  const rows = [
    ...roadmap.items.map((i) => ({ key: i.key, measure: i.measure, service: i.service, reasons: i.reasons })),
    ...roadmap.unplanned.map((u) => ({
      key: u.key,
      measure: u.measure,
      service: u.service,
      reasons: analysis.recommendations.find((r) => r.key === u.key)?.reasons ?? [],
    })),
  ];
  const nameOf = (row: (typeof rows)[number]) =>
    row.service
      ? t('dc.forService', { measure: local(ctx, row.measure.name), service: row.service.title, maturity: row.service.maturity })
      : local(ctx, row.measure.name);
  const present = new Set(rows.map((r) => r.measure.id));
  const dropped = check.planEdits.dropped
    .map((key) => ({ key, measure: check.measures.measures.find((m) => m.id === key.split(':')[0]) }))
    .filter((d) => d.measure);
  return (
    <section aria-labelledby="measures-title">
      <h2 class="kern-heading-medium" id="measures-title">
        {t('dc.measures')}
      </h2>
      {rows.length === 0 ? <p class="kern-body">{t('dc.noMeasures')}</p> : null}
      {rows.map((row) => {
        const item = planned.get(row.key);
        const missing = unplanned.get(row.key);
        return (
          <article key={row.key} class="dc-measure" aria-labelledby={`m-${row.key}`}>
            <h3 class="kern-heading-small" id={`m-${row.key}`}>
              {nameOf(row)}
            </h3>
            <p class="kern-body">{local(ctx, row.measure.description)}</p>
            <dl class="dc-facts">
              <dt>{t('dc.col.reason')}</dt>
              <dd>
                {row.reasons.length
                  ? row.reasons.map((r) => t('dc.reason', { question: question(r.questionId), mean: num(ctx, r.mean), below: r.below })).join('; ')
                  : item?.asPrerequisite
                    ? t('dc.asPrerequisite')
                    : t('dc.addedByInterviewer')}
              </dd>
              <dt>{t('dc.col.effort')}</dt>
              <dd>{days(ctx, row.measure.effortDays)}</dd>
              <dt>{t('dc.col.oneOff')}</dt>
              <dd>{euros(ctx, row.measure.oneOffCents)}</dd>
              <dt>{t('dc.col.yearly')}</dt>
              <dd>{euros(ctx, row.measure.yearlyCents)}</dd>
              <dt>{t('dc.col.when')}</dt>
              <dd>
                {item
                  ? `${roadmap.quarterLabels[item.start]} – ${roadmap.quarterLabels[item.end]}${item.pinMissed === undefined ? '' : ` (${t('dc.pinMissed', { quarter: roadmap.quarterLabels[item.pinMissed] ?? '' })})`}`
                  : missing
                    ? t(`dc.unplanned.${missing.reason}`)
                    : ''}
              </dd>
            </dl>
            <div class="bo-actions">
              <PostButton ctx={ctx} action={`${base}/plan`} label={t('dc.drop', { measure: nameOf(row) })}>
                <input type="hidden" name="action" value="drop" />
                <input type="hidden" name="key" value={row.key} />
              </PostButton>
              <form method="post" action={`${base}/plan`} class="dc-pin">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="action" value="pin" />
                <input type="hidden" name="key" value={row.key} />
                <SelectField
                  id={`pin-${row.key}`}
                  name="quarter"
                  label={t('dc.pin', { measure: nameOf(row) })}
                  emptyLabel={t('dc.pinAuto')}
                  selected={check.planEdits.pinned[row.key] === undefined ? '' : String(check.planEdits.pinned[row.key])}
                  options={roadmap.quarterLabels.map((label, index) => ({ value: String(index), label }))}
                />
                <button type="submit" class="kern-btn kern-btn--secondary">
                  <span class="kern-label">{t('dc.pinSave')}</span>
                </button>
              </form>
            </div>
          </article>
        );
      })}
      {dropped.length ? (
        <>
          <h3 class="kern-heading-small">{t('dc.dropped')}</h3>
          <ul class="kern-list">
            {dropped.map((d) => (
              <li key={d.key}>
                <PostButton ctx={ctx} action={`${base}/plan`} label={t('dc.restore', { measure: local(ctx, d.measure?.name ?? { de: d.key, en: d.key }) })}>
                  <input type="hidden" name="action" value="restore" />
                  <input type="hidden" name="key" value={d.key} />
                </PostButton>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={`${base}/plan`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="action" value="add" />
        <SelectField
          id="measure"
          name="measure"
          label={t('dc.addLabel')}
          selected=""
          options={check.measures.measures.filter((m) => !m.perService && !present.has(m.id)).map((m) => ({ value: m.id, label: local(ctx, m.name) }))}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('dc.add')}</span>
        </button>
      </form>
    </section>
  );
}
