// Implementation planning of a service: responsible person, priority and status as the KDN
// OZG-Datenbank codes them (ids and names of its reference tables), the planned go-live, the
// solution, notes. Checks of the input; no SQL, no HTTP.
import { germanDate } from '../platform/i18n/index.ts';

/** KDN `prioritaet`: id → name (level 0, 1, 2, 5 there). */
export const PRIORITIES = { 1: 'Nicht festgelegt', 2: 'Niedrig', 3: 'Mittel', 4: 'Hoch' } as const;
/** KDN `status`: id → name. */
export const PLAN_STATUSES = { 1: 'offen', 2: 'in Planung', 3: 'in Bearbeitung', 4: 'umgesetzt' } as const;
export const DONE = 4;

export type Priority = keyof typeof PRIORITIES;
export type PlanStatus = keyof typeof PLAN_STATUSES;
export const SOLUTIONS = ['open', 'own', 'efa', 'vendor'] as const;
export type Solution = (typeof SOLUTIONS)[number];

export interface Plan {
  responsiblePerson: string;
  priority: Priority;
  status: PlanStatus;
  /** YYYY-MM-DD */
  targetDate: string | null;
  solution: Solution;
  /** The EfA service's address, or the vendor's product. */
  solutionDetail: string;
  notes: string;
}

export const EMPTY_PLAN: Plan = { responsiblePerson: '', priority: 1, status: 1, targetDate: null, solution: 'open', solutionDetail: '', notes: '' };

export type PlanProblem = 'priority' | 'status' | 'targetDate' | 'solution' | 'efaUrl' | 'vendor';

/** A day typed as TT.MM.JJJJ as YYYY-MM-DD; '' stays null; undefined when it is not a date. */
export function dayFromGerman(text: string): string | null | undefined {
  const date = germanDate(text);
  return date === undefined ? null : date === null ? undefined : date.toISOString().slice(0, 10);
}

export const germanDay = (day: string | null) => (day ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : '');

/** The plan from the form's fields, and what is wrong with them. */
export function readPlan(body: Record<string, string>): { plan: Plan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const priority = Number(body.priority);
  const status = Number(body.status);
  if (!(priority in PRIORITIES)) problems.push('priority');
  if (!(status in PLAN_STATUSES)) problems.push('status');
  const targetDate = dayFromGerman(body.targetDate ?? '');
  if (targetDate === undefined) problems.push('targetDate');
  const solution = SOLUTIONS.find((s) => s === body.solution);
  if (!solution) problems.push('solution');
  const solutionDetail = (body.solutionDetail ?? '').trim().slice(0, 500);
  if (solution === 'efa' && !/^https?:\/\/\S+$/.test(solutionDetail)) problems.push('efaUrl');
  if (solution === 'vendor' && !solutionDetail) problems.push('vendor');
  return {
    plan: {
      responsiblePerson: (body.responsiblePerson ?? '').trim().slice(0, 200),
      priority: (priority in PRIORITIES ? priority : 1) as Priority,
      status: (status in PLAN_STATUSES ? status : 1) as PlanStatus,
      targetDate: targetDate ?? null,
      solution: solution ?? 'open',
      solutionDetail,
      notes: (body.notes ?? '').trim().slice(0, 5000),
    },
    problems,
  };
}

/** Planned go-lives by quarter ("2027 Q1"), in order. */
/** Every quarter from the first to the last given one ("2027 Q1" … "2028 Q2"), gaps included. */
export function quarterSpan(quarters: string[]): string[] {
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(-1)) - 1;
  const sorted = quarters.map(index).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const span: string[] = [];
  for (let i = sorted[0] as number; i <= (sorted.at(-1) as number); i++) span.push(`${Math.floor(i / 4)} Q${(i % 4) + 1}`);
  return span;
}

export function byQuarter<T extends { targetDate: string | null }>(items: T[]): { quarter: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of [...items].filter((i) => i.targetDate).sort((a, b) => (a.targetDate as string).localeCompare(b.targetDate as string))) {
    const day = item.targetDate as string;
    const quarter = `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    groups.set(quarter, [...(groups.get(quarter) ?? []), item]);
  }
  return [...groups].map(([quarter, list]) => ({ quarter, items: list }));
}
