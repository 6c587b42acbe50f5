// From scores to recommended measures: a measure is recommended when an answer in one of the agreed
// Prüffelder is below its trigger level; each recommendation names the answers that triggered it.
// Measures for a catalogue service ("Online-Antrag für Leistung X") are repeated for the
// department's services whose computed Reifegrad shows no online form yet.
import type { Measure, MeasureCatalogue, Questionnaire } from './model.ts';
import type { Scores } from './scoring.ts';

export interface ServiceRef {
  id: string;
  title: string;
  /** Computed OZG Reifegrad 0–4. */
  maturity: number;
}

export interface Recommendation {
  /** The measure's id; for a service's measure `measure:serviceId`. */
  key: string;
  measure: Measure;
  service?: ServiceRef;
  reasons: { questionId: string; mean: number; below: number }[];
  /** Expected benefit: gain × the weight and distance below the trigger of each reason. */
  benefit: number;
}

/** Below this Reifegrad a service has no online form of its own (OZG level 2). */
const ONLINE_FORM = 2;

/** The measure's cost over three years at the middle of its ranges, in cents. */
export const threeYearCost = (m: Measure) => (m.oneOffCents[0] + m.oneOffCents[1]) / 2 + (3 * (m.yearlyCents[0] + m.yearlyCents[1])) / 2;

/** Benefit per euro, the order in which recommendations are planned. */
export const benefitPerCost = (r: Recommendation) => r.benefit / Math.max(1, threeYearCost(r.measure) / 100);

export function recommend(
  questionnaire: Questionnaire,
  catalogue: MeasureCatalogue,
  scores: Scores,
  fields: string[],
  services: ServiceRef[] = [],
): Recommendation[] {
  const questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const means = new Map(scores.questions.map((s) => [s.questionId, s.mean]));
  const recommendations: Recommendation[] = [];
  for (const measure of catalogue.measures) {
    const reasons = measure.triggers.flatMap((t) => {
      const question = questions.get(t.question);
      const mean = means.get(t.question);
      return question && fields.includes(question.category) && mean !== null && mean !== undefined && mean < t.below
        ? [{ questionId: t.question, mean, below: t.below }]
        : [];
    });
    if (reasons.length === 0) continue;
    const benefit = Math.round(measure.gain * reasons.reduce((n, r) => n + (questions.get(r.questionId)?.weight ?? 1) * (r.below - r.mean), 0) * 100) / 100;
    if (!measure.perService) recommendations.push({ key: measure.id, measure, reasons, benefit });
    else
      for (const service of services.filter((s) => s.maturity < ONLINE_FORM))
        recommendations.push({ key: `${measure.id}:${service.id}`, measure, service, reasons, benefit });
  }
  return recommendations.sort((a, b) => benefitPerCost(b) - benefitPerCost(a) || a.key.localeCompare(b.key));
}
