// A DigiCheck's report as a tagged PDF (scores with a chart and its table, findings, measures with
// costs, totals per year, the roadmap as a Gantt chart and as a table) and the measures as CSV.
import { toCsv } from '../platform/csv.ts';
import type { Translate } from '../platform/i18n/index.ts';
import { createPdf, type Doc } from '../platform/pdf/index.ts';
import type { Analysis, Comparison } from './analysis.ts';
import { dayRange, euroRange, figure, textIn } from './format.ts';
import type { Text } from './model.ts';
import type { PlannedItem, Roadmap } from './roadmap.ts';
import type { Check } from './store.ts';

type Lang = 'de' | 'en';

/** A row of the plan (planned or not) with the measure's name as the reader sees it. */
function measureName(t: Translate, lang: Lang, item: { measure: { name: Text }; service?: { title: string; maturity: number } }) {
  return item.service
    ? t('dc.forService', { measure: textIn(lang, item.measure.name), service: item.service.title, maturity: item.service.maturity })
    : textIn(lang, item.measure.name);
}

const sum = (years: Roadmap['years'], pick: (y: Roadmap['years'][number]) => [number, number]): [number, number] =>
  years.reduce<[number, number]>((acc, y) => [acc[0] + pick(y)[0], acc[1] + pick(y)[1]], [0, 0]);

export async function reportPdf(check: Check, analysis: Analysis, comparison: Comparison, t: Translate, lang: Lang, municipality: string): Promise<Buffer> {
  const pdf = createPdf({ title: t('dc.resultTitle', { department: check.department }), lang, author: municipality, subject: 'DigiCheck' });
  const { scores, roadmap } = analysis;
  const fields = check.questionnaire.categories.filter((c) => check.fields.includes(c.id));
  const scoreOf = (id: string) => scores.categories.find((c) => c.categoryId === id);
  const questionText = (id: string) => textIn(lang, check.questionnaire.questions.find((q) => q.id === id)?.text ?? { de: id, en: id });

  pdf.heading(t('dc.resultTitle', { department: check.department }), 1);
  pdf.paragraph(
    t('dc.meta', { date: check.createdAt.toISOString().slice(0, 10), interviewer: check.interviewer ?? '–', version: check.questionnaire.version }),
  );
  pdf.paragraph(scores.overall === null ? t('dc.overallNone') : t('dc.overall', { score: figure(lang, scores.overall) }));

  pdf.heading(t('dc.scores'));
  pdf.figure(
    `${t('dc.scores')}: ${fields.map((c) => `${textIn(lang, c.name)} ${figure(lang, scoreOf(c.id)?.mean ?? null)}`).join('; ')}`,
    fields.length * 18 + 8,
    (area) =>
      drawBars(
        area,
        fields.map((c) => ({ label: textIn(lang, c.name), value: scoreOf(c.id)?.mean ?? 0 })),
      ),
  );
  pdf.table(
    t('dc.scores'),
    [t('dc.col.field'), t('dc.col.mean'), t('dc.col.staff'), t('dc.col.managers'), t('dc.col.spread')],
    fields.map((c) => {
      const s = scoreOf(c.id);
      return [
        textIn(lang, c.name),
        figure(lang, s?.mean ?? null),
        figure(lang, s?.byRole.staff ?? null),
        figure(lang, s?.byRole.manager ?? null),
        figure(lang, s?.spread ?? 0),
      ];
    }),
    [3, 1, 1, 1, 1],
  );

  pdf.heading(t('dc.disagreements'));
  if (scores.disagreements.length === 0) pdf.paragraph(t('dc.noDisagreements'));
  else {
    pdf.paragraph(t('dc.disagreementsIntro'));
    pdf.table(
      t('dc.disagreements'),
      [t('dc.col.question'), t('dc.col.staff'), t('dc.col.managers')],
      scores.disagreements.map((d) => [questionText(d.questionId), figure(lang, d.staff), figure(lang, d.manager)]),
      [4, 1, 1],
    );
  }
  pdf.heading(t('dc.findings'));
  if (analysis.findings.length === 0) pdf.paragraph(t('dc.noFindings'));
  else {
    pdf.paragraph(t('dc.findingsIntro'));
    pdf.table(
      t('dc.findings'),
      [t('dc.col.question'), t('dc.col.mean'), t('dc.col.notes')],
      analysis.findings.map((f) => [questionText(f.questionId), figure(lang, f.mean), f.notes.join(' · ')]),
      [3, 0.8, 3],
    );
  }
  if (comparison.previous || comparison.others) {
    pdf.heading(t('dc.comparison'));
    pdf.table(
      t('dc.comparison'),
      [
        t('dc.col.field'),
        t('dc.col.this'),
        ...(comparison.previous ? [t('dc.col.previous', { date: comparison.previous.createdAt.toISOString().slice(0, 10) })] : []),
        ...(comparison.others ? [t('dc.col.others', { n: comparison.others.departments })] : []),
      ],
      fields.map((c) => [
        textIn(lang, c.name),
        figure(lang, scoreOf(c.id)?.mean ?? null),
        ...(comparison.previous ? [figure(lang, comparison.previous.categories.get(c.id) ?? null)] : []),
        ...(comparison.others ? [figure(lang, comparison.others.categories.get(c.id) ?? null)] : []),
      ]),
    );
  }

  pdf.heading(t('dc.measures'));
  if (roadmap.items.length + roadmap.unplanned.length === 0) pdf.paragraph(t('dc.noMeasures'));
  for (const item of roadmap.items) {
    pdf.heading(measureName(t, lang, item), 3);
    pdf.paragraph(textIn(lang, item.measure.description));
    const reasons = item.reasons.map((r) => t('dc.reason', { question: questionText(r.questionId), mean: figure(lang, r.mean), below: r.below })).join('; ');
    pdf.entry(t('dc.col.reason'), reasons || (item.asPrerequisite ? t('dc.asPrerequisite') : t('dc.addedByInterviewer')));
    pdf.entry(t('dc.col.oneOff'), euroRange(lang, item.measure.oneOffCents));
    pdf.entry(t('dc.col.yearly'), euroRange(lang, item.measure.yearlyCents));
    pdf.entry(t('dc.col.effort'), dayRange(lang, item.measure.effortDays));
    pdf.entry(t('dc.col.when'), `${roadmap.quarterLabels[item.start]} – ${roadmap.quarterLabels[item.end]}`);
  }
  for (const u of roadmap.unplanned) pdf.entry(measureName(t, lang, u), t(`dc.unplanned.${u.reason}`));

  pdf.heading(t('dc.years'));
  pdf.table(
    t('dc.years'),
    [t('dc.col.year'), t('dc.col.oneOff'), t('dc.col.recurring'), t('dc.col.total'), t('dc.col.effort')],
    [
      ...roadmap.years.map((y) => [
        t('dc.yearLabel', { n: y.index + 1, from: roadmap.quarterLabels[y.index * 4] ?? '', to: roadmap.quarterLabels[y.index * 4 + 3] ?? '' }),
        euroRange(lang, y.oneOffCents),
        euroRange(lang, y.recurringCents),
        euroRange(lang, y.totalCents),
        dayRange(lang, y.effortDays),
      ]),
      [
        t('dc.total'),
        euroRange(
          lang,
          sum(roadmap.years, (y) => y.oneOffCents),
        ),
        euroRange(
          lang,
          sum(roadmap.years, (y) => y.recurringCents),
        ),
        euroRange(
          lang,
          sum(roadmap.years, (y) => y.totalCents),
        ),
        '',
      ],
    ],
    [2.2, 1.6, 1.6, 1.6, 1],
  );

  pdf.heading(t('dc.roadmap'));
  pdf.paragraph(t('dc.roadmapIntro'));
  for (let from = 0; from < roadmap.items.length; from += 35) {
    const rows = roadmap.items.slice(from, from + 35);
    pdf.figure(
      t('dc.ganttAlt', { n: rows.length, from: roadmap.quarterLabels[0] ?? '', to: roadmap.quarterLabels.at(-1) ?? '' }),
      rows.length * 14 + 24,
      (area) => drawGantt(area, roadmap.quarterLabels, rows, (item) => measureName(t, lang, item)),
    );
  }
  pdf.table(
    t('dc.roadmap'),
    [t('dc.col.measure'), t('dc.col.when')],
    roadmap.items.map((i) => [measureName(t, lang, i), `${roadmap.quarterLabels[i.start]} – ${roadmap.quarterLabels[i.end]}`]),
    [3, 1],
  );
  return pdf.end();
}

type Area = { doc: Doc; x: number; y: number; width: number };
const LABEL = 170;

function drawBars({ doc, x, y, width }: Area, bars: { label: string; value: number }[]) {
  const scale = (width - LABEL - 40) / 4;
  bars.forEach((b, i) => {
    const top = y + i * 18;
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor('#1b1b1b')
      .text(b.label, x, top + 3, { width: LABEL - 8, height: 10, ellipsis: true });
    doc.rect(x + LABEL, top, Math.max(b.value * scale, 1), 13).fill('#1e4fa3');
    doc.fillColor('#1b1b1b').text(String(Math.round(b.value * 100) / 100), x + LABEL + b.value * scale + 4, top + 3, { lineBreak: false });
  });
}

function drawGantt({ doc, x, y, width }: Area, quarters: string[], items: PlannedItem[], name: (item: PlannedItem) => string) {
  const column = (width - LABEL) / quarters.length;
  doc.font('regular').fontSize(6.5).fillColor('#1b1b1b');
  quarters.forEach((q, i) => {
    doc.text(q, x + LABEL + i * column, y, { width: column, align: 'center', lineBreak: false });
    doc
      .moveTo(x + LABEL + i * column, y + 10)
      .lineTo(x + LABEL + i * column, y + 14 + items.length * 14)
      .lineWidth(0.3)
      .stroke('#c9ccd8');
  });
  items.forEach((item, i) => {
    const top = y + 14 + i * 14;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor('#1b1b1b')
      .text(name(item), x, top + 2, { width: LABEL - 6, height: 9, ellipsis: true });
    doc.rect(x + LABEL + item.start * column + 1, top + 1, (item.end - item.start + 1) * column - 2, 10).fill(item.asPrerequisite ? '#6b8fd1' : '#1e4fa3');
  });
  doc.fillColor('#1b1b1b');
}

/** The plan as CSV: one row per measure, planned or not, with reasons, costs and quarters. */
export function measuresCsv(check: Check, analysis: Analysis, t: Translate, lang: Lang): string {
  const { roadmap } = analysis;
  const question = (id: string) => textIn(lang, check.questionnaire.questions.find((q) => q.id === id)?.text ?? { de: id, en: id });
  const columns = [
    'Maßnahme',
    'Kennung',
    'Leistung',
    'Begründung',
    'Beginn',
    'Ende',
    'Status',
    'Aufwand min (PT)',
    'Aufwand max (PT)',
    'Einmalig min (EUR)',
    'Einmalig max (EUR)',
    'Jährlich min (EUR)',
    'Jährlich max (EUR)',
  ];
  const row = (item: { key: string; measure: PlannedItem['measure']; service?: PlannedItem['service'] }, planned?: PlannedItem, reason?: string) => ({
    Maßnahme: textIn(lang, item.measure.name),
    Kennung: item.key,
    Leistung: item.service?.title ?? '',
    Begründung: (analysis.recommendations.find((r) => r.key === item.key)?.reasons ?? []).map((r) => `${question(r.questionId)}: ${r.mean}`).join('; '),
    Beginn: planned ? roadmap.quarterLabels[planned.start] : '',
    Ende: planned ? roadmap.quarterLabels[planned.end] : '',
    Status: planned ? 'geplant' : t(`dc.unplanned.${reason as 'budget'}`),
    'Aufwand min (PT)': item.measure.effortDays[0],
    'Aufwand max (PT)': item.measure.effortDays[1],
    'Einmalig min (EUR)': item.measure.oneOffCents[0] / 100,
    'Einmalig max (EUR)': item.measure.oneOffCents[1] / 100,
    'Jährlich min (EUR)': item.measure.yearlyCents[0] / 100,
    'Jährlich max (EUR)': item.measure.yearlyCents[1] / 100,
  });
  return toCsv(columns, [...roadmap.items.map((i) => row(i, i)), ...roadmap.unplanned.map((u) => row(u, undefined, u.reason))]);
}
