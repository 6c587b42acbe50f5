// The DigiCheck's two models, kept as JSON in the repository (data/): the questionnaire (categories,
// questions with five described maturity levels, weights) and the catalogue of measures (effort,
// costs, prerequisites, the answers that trigger them). Both are checked when loaded, so an edited
// file with a dangling reference or a cycle is refused with a message naming the entry.
import fs from 'node:fs';
import path from 'node:path';

export type Text = { de: string; en: string };
export type Level = 0 | 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [0, 1, 2, 3, 4];

export interface Category {
  id: string;
  name: Text;
  description: Text;
}

export interface Question {
  id: string;
  category: string;
  /** How much the question counts within its category (1–3). */
  weight: number;
  /** The legal or standard basis the question asks about, if any. */
  basis?: string;
  text: Text;
  /** What each maturity level 0–4 means for this question, so answers are comparable. */
  levels: [Text, Text, Text, Text, Text];
}

export interface Questionnaire {
  id: string;
  version: string;
  title: Text;
  categories: Category[];
  questions: Question[];
}

/** A money range in cents. */
export type Range = [number, number];

export interface Measure {
  id: string;
  name: Text;
  description: Text;
  categories: string[];
  prerequisites: string[];
  /** Person-days of the municipality's own staff. */
  effortDays: Range;
  oneOffCents: Range;
  yearlyCents: Range;
  /** How many quarters the measure takes. */
  quarters: number;
  /** Expected gain in maturity levels on the questions that triggered it. */
  gain: number;
  /** Recommended when the mean answer to a question is below the level given. */
  triggers: { question: string; below: number }[];
  /** A template repeated for catalogue services (e.g. "Online-Antrag für Leistung X"). */
  perService?: boolean;
}

export interface MeasureCatalogue {
  id: string;
  version: string;
  measures: Measure[];
}

export class ModelError extends Error {
  readonly code = 'invalid-model';
}

const fail = (message: string): never => {
  throw new ModelError(message);
};
const isText = (t: unknown): t is Text =>
  typeof t === 'object' && t !== null && typeof (t as Text).de === 'string' && typeof (t as Text).en === 'string' && (t as Text).de.length > 0;
const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && r.every((n) => Number.isFinite(n) && n >= 0) && (r[0] as number) <= (r[1] as number);

/** Checks a questionnaire: unique ids, known categories, five texts per question, weights 1–3. */
export function checkQuestionnaire(raw: unknown): Questionnaire {
  const q = raw as Questionnaire;
  if (!q || typeof q.id !== 'string' || typeof q.version !== 'string' || !isText(q.title)) fail('questionnaire: id, version and title are required');
  const categories = new Set<string>();
  for (const c of q.categories ?? []) {
    if (!c.id || categories.has(c.id) || !isText(c.name) || !isText(c.description)) fail(`category ${c.id}: unique id, name and description required`);
    categories.add(c.id);
  }
  const ids = new Set<string>();
  for (const question of q.questions ?? []) {
    const where = `question ${question.id}`;
    if (!question.id || ids.has(question.id)) fail(`${where}: the id is missing or used twice`);
    ids.add(question.id);
    if (!categories.has(question.category)) fail(`${where}: unknown category ${question.category}`);
    if (!isText(question.text)) fail(`${where}: text in German and English required`);
    if (!Array.isArray(question.levels) || question.levels.length !== 5 || !question.levels.every(isText))
      fail(`${where}: five described levels (0–4) required`);
    if (![1, 2, 3].includes(question.weight)) fail(`${where}: weight must be 1, 2 or 3`);
  }
  if (ids.size === 0) fail('questionnaire: no questions');
  return q;
}

type RawMeasure = Omit<Measure, 'oneOffCents' | 'yearlyCents'> & { oneOffEur: Range; yearlyEur: Range };

/** Checks the measures against a questionnaire: references resolve, prerequisites form no cycle; euros become cents. */
export function checkMeasures(raw: unknown, questionnaire: Questionnaire): MeasureCatalogue {
  const doc = raw as { id: string; version: string; measures: RawMeasure[] };
  if (!doc || typeof doc.id !== 'string' || typeof doc.version !== 'string' || !Array.isArray(doc.measures))
    fail('measures: id, version and measures required');
  const questions = new Set(questionnaire.questions.map((q) => q.id));
  const categories = new Set(questionnaire.categories.map((c) => c.id));
  const ids = new Set(doc.measures.map((m) => m.id));
  if (ids.size !== doc.measures.length) fail('measures: an id is used twice');
  const measures = doc.measures.map((m): Measure => {
    const where = `measure ${m.id}`;
    if (!isText(m.name) || !isText(m.description)) fail(`${where}: name and description in German and English required`);
    if (!isRange(m.effortDays) || !isRange(m.oneOffEur) || !isRange(m.yearlyEur)) fail(`${where}: effort and costs are ranges [min, max]`);
    if (!Number.isInteger(m.quarters) || m.quarters < 1 || m.quarters > 8) fail(`${where}: quarters must be 1–8`);
    if (!(m.gain > 0 && m.gain <= 4)) fail(`${where}: gain must be above 0 and at most 4`);
    for (const c of m.categories) if (!categories.has(c)) fail(`${where}: unknown category ${c}`);
    for (const p of m.prerequisites) if (!ids.has(p)) fail(`${where}: unknown prerequisite ${p}`);
    for (const t of m.triggers) if (!questions.has(t.question) || !(t.below > 0 && t.below <= 4)) fail(`${where}: trigger ${t.question} below ${t.below}`);
    const { oneOffEur, yearlyEur, ...rest } = m;
    return { ...rest, oneOffCents: [oneOffEur[0] * 100, oneOffEur[1] * 100], yearlyCents: [yearlyEur[0] * 100, yearlyEur[1] * 100] };
  });
  const byId = new Map(measures.map((m) => [m.id, m]));
  // Depth-first search for a cycle among prerequisites.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') fail(`measures: prerequisites form a cycle: ${[...trail, id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const p of byId.get(id)?.prerequisites ?? []) visit(p, [...trail, id]);
    state.set(id, 'done');
  };
  for (const m of measures) visit(m.id, []);
  return { id: doc.id, version: doc.version, measures };
}

const DATA = path.join(import.meta.dirname, 'data');

/** The two models as files are written: JSON text, measures with costs in euros. */
export interface RawModels {
  questionnaire: unknown;
  measures: unknown;
}

export interface Models {
  questionnaire: Questionnaire;
  measures: MeasureCatalogue;
}

/** Both models checked together (the measures refer to the questionnaire). */
export function checkModels(raw: RawModels): Models {
  const questionnaire = checkQuestionnaire(raw.questionnaire);
  return { questionnaire, measures: checkMeasures(raw.measures, questionnaire) };
}

/** The models as shipped in the repository. */
export const shippedModels = (): RawModels => ({
  questionnaire: JSON.parse(fs.readFileSync(path.join(DATA, 'questionnaire.json'), 'utf8')),
  measures: JSON.parse(fs.readFileSync(path.join(DATA, 'measures.json'), 'utf8')),
});

/** The questionnaire and measures shipped with Amtsweg, checked. */
export const defaultModels = (): Models => checkModels(shippedModels());

/** An uploaded file in place of one of the current models; both checked together, or a ModelError. */
export function replaceModel(current: RawModels, kind: 'questionnaire' | 'measures', text: string): { raw: RawModels; models: Models } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ModelError(`${kind}: not valid JSON (${(error as Error).message})`);
  }
  const raw = { ...current, [kind]: parsed };
  return { raw, models: checkModels(raw) };
}
