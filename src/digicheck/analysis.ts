// A check's analysis: scores, recommendations (with the department's services) and the roadmap under
// the check's settings and the interviewer's changes; the comparison with the department's earlier
// check and, anonymised, with other departments; the changes themselves.
import { type PlanEdits, type PlanOptions, planRoadmap, type Roadmap } from './roadmap.ts';
import { type Recommendation, recommend, type ServiceRef } from './rules.ts';
import { type Answer, type Scores, score } from './scoring.ts';
import type { Check } from './store.ts';

export const PLAN_QUARTERS = 12;

export function planOptionsOf(check: Pick<Check, 'planStart' | 'budgetCents' | 'capacityDays'>): PlanOptions {
  const [year, month] = check.planStart.split('-').map(Number) as [number, number];
  return {
    start: { year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 },
    quarters: PLAN_QUARTERS,
    yearlyBudgetCents: check.budgetCents,
    yearlyCapacityDays: check.capacityDays,
  };
}

/** A question answered low, or with notes from the interview: what the report names as findings. */
export interface Finding {
  questionId: string;
  mean: number | null;
  notes: string[];
}

/** Below this mean an answer is a finding of its own. */
export const WEAK = 2;

export interface Analysis {
  scores: Scores;
  findings: Finding[];
  recommendations: Recommendation[];
  roadmap: Roadmap;
}

export function analyse(check: Check, answers: (Answer & { note?: string })[], services: ServiceRef[]): Analysis {
  const scores = score(check.questionnaire, answers);
  const recommendations = recommend(check.questionnaire, check.measures, scores, check.fields, services);
  const findings = scores.questions
    .filter((q) => check.fields.includes(q.categoryId))
    .map((q) => ({
      questionId: q.questionId,
      mean: q.mean,
      notes: answers.filter((a) => a.questionId === q.questionId && a.note).map((a) => a.note as string),
    }))
    .filter((f) => (f.mean !== null && f.mean < WEAK) || f.notes.length > 0);
  return { scores, findings, recommendations, roadmap: planRoadmap(check.measures, recommendations, planOptionsOf(check), check.planEdits) };
}

export interface Comparison {
  previous?: { createdAt: Date; categories: Map<string, number | null>; overall: number | null };
  /** Means over other departments' latest checks; never a single department's figures. */
  others?: { departments: number; categories: Map<string, number | null> };
}

/** Fewer departments than this and the comparison would let a reader tell one department's scores. */
export const MIN_OTHERS = 3;

const byCategory = (s: Scores) => new Map(s.categories.map((c) => [c.categoryId, c.mean]));

export function compare(previous: { createdAt: Date; scores: Scores } | undefined, others: Scores[]): Comparison {
  const comparison: Comparison = {};
  if (previous) comparison.previous = { createdAt: previous.createdAt, categories: byCategory(previous.scores), overall: previous.scores.overall };
  if (others.length >= MIN_OTHERS) {
    const ids = new Set(others.flatMap((o) => o.categories.map((c) => c.categoryId)));
    const categories = new Map<string, number | null>();
    for (const id of ids) {
      const values = others.map((o) => byCategory(o).get(id)).filter((v): v is number => typeof v === 'number');
      categories.set(id, values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);
    }
    comparison.others = { departments: others.length, categories };
  }
  return comparison;
}

export type PlanChange = { kind: 'drop' | 'restore'; key: string } | { kind: 'add'; measureId: string } | { kind: 'pin'; key: string; quarter: number | null };

/** The interviewer's change applied to the plan's edits (a new value; the old one is untouched). */
export function applyChange(edits: PlanEdits, change: PlanChange): PlanEdits {
  const without = (list: string[], key: string) => list.filter((k) => k !== key);
  switch (change.kind) {
    case 'drop':
      return { ...edits, dropped: [...without(edits.dropped, change.key), change.key], added: without(edits.added, change.key) };
    case 'restore':
      return { ...edits, dropped: without(edits.dropped, change.key) };
    case 'add':
      return { ...edits, added: [...without(edits.added, change.measureId), change.measureId], dropped: without(edits.dropped, change.measureId) };
    case 'pin': {
      const { [change.key]: _, ...pinned } = edits.pinned;
      return { ...edits, pinned: change.quarter === null ? pinned : { ...pinned, [change.key]: change.quarter } };
    }
  }
}
