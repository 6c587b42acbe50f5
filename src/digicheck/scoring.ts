// Scores of a DigiCheck: per question the mean over participants (with the spread, and staff and
// managers apart), per category the weighted mean of its answered questions, overall the weighted
// mean of all; "not applicable" counts nowhere. Where staff and managers see things differently is
// itself a finding.
import type { Level, Questionnaire } from './model.ts';

export type ParticipantRole = 'staff' | 'manager';

export interface Answer {
  participantId: string;
  role: ParticipantRole;
  questionId: string;
  /** null: not applicable. */
  level: Level | null;
}

export interface QuestionScore {
  questionId: string;
  categoryId: string;
  weight: number;
  /** Null when nobody gave a level (unanswered or not applicable). */
  mean: number | null;
  min: number | null;
  max: number | null;
  answers: number;
  byRole: Record<ParticipantRole, number | null>;
}

export interface CategoryScore {
  categoryId: string;
  mean: number | null;
  byRole: Record<ParticipantRole, number | null>;
  /** Largest difference between two participants on a question of the category. */
  spread: number;
  answered: number;
  questions: number;
}

export interface Scores {
  questions: QuestionScore[];
  categories: CategoryScore[];
  overall: number | null;
  /** Questions where staff and managers differ by at least `DISAGREEMENT` levels. */
  disagreements: { questionId: string; staff: number; manager: number }[];
}

export const DISAGREEMENT = 1.5;

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

function weightedMean(items: { value: number | null; weight: number }[]): number | null {
  const counted = items.filter((i): i is { value: number; weight: number } => i.value !== null);
  const total = counted.reduce((n, i) => n + i.weight, 0);
  return total === 0 ? null : counted.reduce((n, i) => n + i.value * i.weight, 0) / total;
}

export function score(questionnaire: Questionnaire, answers: Answer[]): Scores {
  const byQuestion = new Map<string, Answer[]>();
  for (const a of answers) if (a.level !== null) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a]);
  const questions = questionnaire.questions.map((q): QuestionScore => {
    const given = byQuestion.get(q.id) ?? [];
    const levels = given.map((a) => a.level as number);
    const ofRole = (role: ParticipantRole) => round(mean(given.filter((a) => a.role === role).map((a) => a.level as number)));
    return {
      questionId: q.id,
      categoryId: q.category,
      weight: q.weight,
      mean: round(mean(levels)),
      min: levels.length ? Math.min(...levels) : null,
      max: levels.length ? Math.max(...levels) : null,
      answers: levels.length,
      byRole: { staff: ofRole('staff'), manager: ofRole('manager') },
    };
  });
  const categories = questionnaire.categories.map((c): CategoryScore => {
    const own = questions.filter((q) => q.categoryId === c.id);
    const ofRole = (role: ParticipantRole) => round(weightedMean(own.map((q) => ({ value: q.byRole[role], weight: q.weight }))));
    return {
      categoryId: c.id,
      mean: round(weightedMean(own.map((q) => ({ value: q.mean, weight: q.weight })))),
      byRole: { staff: ofRole('staff'), manager: ofRole('manager') },
      spread: Math.max(0, ...own.map((q) => (q.max === null || q.min === null ? 0 : q.max - q.min))),
      answered: own.filter((q) => q.mean !== null).length,
      questions: own.length,
    };
  });
  const disagreements = questions
    .filter((q) => q.byRole.staff !== null && q.byRole.manager !== null && Math.abs(q.byRole.staff - q.byRole.manager) >= DISAGREEMENT)
    .map((q) => ({ questionId: q.questionId, staff: q.byRole.staff as number, manager: q.byRole.manager as number }));
  return {
    questions,
    categories,
    overall: round(weightedMean(questions.map((q) => ({ value: q.mean, weight: q.weight })))),
    disagreements,
  };
}
