// The interview: one step per agreed Prüffeld (category), its questions answered for one participant
// with a level 0–4 or "not applicable" and a note; saved step by step, so a session can stop and go on.
import { LEVELS, type Level, type Question, type Questionnaire } from './model.ts';

export const NOT_APPLICABLE = 'na';

/** The categories asked, in the questionnaire's order. */
export const stepsOf = (questionnaire: Questionnaire, fields: string[]) => questionnaire.categories.filter((c) => fields.includes(c.id));

/** The step after `categoryId`, or undefined at the end. */
export function nextStep(questionnaire: Questionnaire, fields: string[], categoryId: string): string | undefined {
  const steps = stepsOf(questionnaire, fields);
  return steps[steps.findIndex((c) => c.id === categoryId) + 1]?.id;
}

export interface StepAnswer {
  questionId: string;
  level: Level | null;
  notApplicable: boolean;
  note: string;
}

export interface StepInput {
  /** Given levels, "not applicable", and notes to questions not answered yet (level null). */
  answered: StepAnswer[];
  /** Questions left without an answer (an earlier answer to them is removed). */
  open: string[];
  /** Questions whose posted value is none of the offered ones. */
  invalid: string[];
}

/** Reads a posted step: `q-<id>` is "0"–"4" or "na", `note-<id>` the note. */
export function readStep(questions: Question[], fields: Record<string, unknown>): StepInput {
  const step: StepInput = { answered: [], open: [], invalid: [] };
  for (const q of questions) {
    const value = String(fields[`q-${q.id}`] ?? '');
    const note = String(fields[`note-${q.id}`] ?? '')
      .trim()
      .slice(0, 2000);
    const level = LEVELS.find((l) => String(l) === value);
    if (level !== undefined || value === NOT_APPLICABLE || (value === '' && note))
      step.answered.push({ questionId: q.id, level: level ?? null, notApplicable: value === NOT_APPLICABLE, note });
    else if (value === '') step.open.push(q.id);
    else step.invalid.push(q.id);
  }
  return step;
}
