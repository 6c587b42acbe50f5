// The three-year roadmap: recommended measures (and those the interviewer adds) placed into quarters,
// highest benefit per cost first, each after its prerequisites, within a yearly budget and a yearly
// capacity of the department's own person-days. Costs and effort are planned at the upper end of
// their ranges, so the budget holds even then; reports show both ends. Deterministic: the same input
// gives the same plan.
import type { Measure, MeasureCatalogue, Range } from './model.ts';
import { benefitPerCost, type Recommendation } from './rules.ts';

export interface PlanOptions {
  /** The first quarter of the plan. */
  start: { year: number; quarter: 1 | 2 | 3 | 4 };
  /** Length of the plan in quarters (12 = three years). */
  quarters: number;
  /** Per plan year (four quarters from the start), in cents. */
  yearlyBudgetCents: number;
  yearlyCapacityDays: number;
}

/** The interviewer's changes: measures dropped or added (by key), measures pinned to a quarter (index). */
export interface PlanEdits {
  dropped: string[];
  added: string[];
  pinned: Record<string, number>;
}

export const NO_EDITS: PlanEdits = { dropped: [], added: [], pinned: {} };

export interface PlannedItem {
  key: string;
  measure: Measure;
  service?: Recommendation['service'];
  reasons: Recommendation['reasons'];
  /** Quarter indexes from the plan's start, inclusive. */
  start: number;
  end: number;
  /** Planned only because another measure needs it. */
  asPrerequisite: boolean;
  added: boolean;
  /** The quarter the interviewer pinned it to, when it could not go there. */
  pinMissed?: number;
}

export type UnplannedReason = 'budget' | 'capacity' | 'horizon' | 'prerequisite';

export interface YearTotals {
  index: number;
  oneOffCents: Range;
  recurringCents: Range;
  totalCents: Range;
  effortDays: Range;
}

export interface Roadmap {
  items: PlannedItem[];
  unplanned: { key: string; measure: Measure; service?: Recommendation['service']; reason: UnplannedReason }[];
  years: YearTotals[];
  quarterLabels: string[];
}

interface Candidate extends Omit<PlannedItem, 'start' | 'end' | 'pinMissed'> {
  priority: number;
}

export const quarterLabel = (start: PlanOptions['start'], index: number) => {
  const n = start.year * 4 + start.quarter - 1 + index;
  return `${Math.floor(n / 4)} Q${(n % 4) + 1}`;
};

/** A measure's cost and effort per quarter of the plan, placed at `start` (one end of the ranges). */
function load(m: Measure, start: number, quarters: number, end: 0 | 1) {
  const cost = new Array<number>(quarters).fill(0);
  const effort = new Array<number>(quarters).fill(0);
  for (let q = start; q < Math.min(quarters, start + m.quarters); q++) {
    cost[q] = (cost[q] as number) + m.oneOffCents[end] / m.quarters;
    effort[q] = (effort[q] as number) + m.effortDays[end] / m.quarters;
  }
  // Running costs begin once the measure is done.
  for (let q = start + m.quarters; q < quarters; q++) cost[q] = (cost[q] as number) + m.yearlyCents[end] / 4;
  return { cost, effort };
}

const perYear = (values: number[]) => {
  const years: number[] = [];
  values.forEach((v, q) => {
    years[Math.floor(q / 4)] = (years[Math.floor(q / 4)] ?? 0) + v;
  });
  return years;
};

/** Candidates: recommendations and additions less the dropped, plus every prerequisite they need. */
function candidatesOf(catalogue: MeasureCatalogue, recommendations: Recommendation[], edits: PlanEdits): Map<string, Candidate> {
  const byId = new Map(catalogue.measures.map((m) => [m.id, m]));
  const candidates = new Map<string, Candidate>();
  for (const r of recommendations)
    if (!edits.dropped.includes(r.key))
      candidates.set(r.key, {
        key: r.key,
        measure: r.measure,
        service: r.service,
        reasons: r.reasons,
        asPrerequisite: false,
        added: false,
        priority: benefitPerCost(r),
      });
  for (const key of edits.added) {
    const measure = byId.get(key);
    if (measure && !candidates.has(key) && !measure.perService)
      candidates.set(key, {
        key,
        measure,
        reasons: [],
        asPrerequisite: false,
        added: true,
        priority: benefitPerCost({ key, measure, reasons: [], benefit: measure.gain }),
      });
  }
  const queue = [...candidates.values()];
  while (queue.length > 0) {
    const c = queue.shift() as Candidate;
    for (const p of c.measure.prerequisites) {
      const measure = byId.get(p) as Measure;
      const existing = candidates.get(p);
      // A prerequisite is as urgent as the most urgent measure waiting for it, and passes that on.
      if (existing && c.priority > existing.priority) {
        existing.priority = c.priority;
        queue.push(existing);
      } else if (!existing && !edits.dropped.includes(p)) {
        const added: Candidate = { key: p, measure, reasons: [], asPrerequisite: true, added: false, priority: c.priority };
        candidates.set(p, added);
        queue.push(added);
      }
    }
  }
  return candidates;
}

export function planRoadmap(catalogue: MeasureCatalogue, recommendations: Recommendation[], options: PlanOptions, edits: PlanEdits = NO_EDITS): Roadmap {
  const { quarters } = options;
  const candidates = candidatesOf(catalogue, recommendations, edits);
  const cost = new Array<number>(quarters).fill(0);
  const effort = new Array<number>(quarters).fill(0);
  const planned = new Map<string, PlannedItem>();
  const unplanned: Roadmap['unplanned'] = [];
  const pending = [...candidates.values()].sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));

  const fits = (m: Measure, start: number): UnplannedReason | null => {
    if (start + m.quarters > quarters) return 'horizon';
    const extra = load(m, start, quarters, 1);
    const budget = perYear(cost.map((c, q) => c + (extra.cost[q] as number)));
    if (budget.some((y) => y > options.yearlyBudgetCents + 0.5)) return 'budget';
    const days = perYear(effort.map((e, q) => e + (extra.effort[q] as number)));
    if (days.some((y) => y > options.yearlyCapacityDays + 1e-9)) return 'capacity';
    return null;
  };

  while (pending.length > 0) {
    // The most urgent candidate whose prerequisites are all decided.
    const index = pending.findIndex((c) => c.measure.prerequisites.every((p) => planned.has(p) || !candidates.has(p) || unplanned.some((u) => u.key === p)));
    const c = pending.splice(index === -1 ? 0 : index, 1)[0] as Candidate;
    const blocked = c.measure.prerequisites.some((p) => !planned.has(p));
    if (blocked) {
      unplanned.push({ key: c.key, measure: c.measure, service: c.service, reason: 'prerequisite' });
      continue;
    }
    const earliest = Math.max(0, ...c.measure.prerequisites.map((p) => (planned.get(p) as PlannedItem).end + 1));
    const pin = edits.pinned[c.key];
    const from = pin === undefined ? earliest : Math.max(earliest, Math.min(pin, quarters - 1));
    // The earliest quarter it fits; if none, what stood in the way (budget or capacity before "too late").
    let reason: UnplannedReason | null = 'horizon';
    let blockedBy: UnplannedReason | null = null;
    let start = from;
    for (; start < quarters; start++) {
      reason = fits(c.measure, start);
      if (reason === null || reason === 'horizon') break;
      blockedBy ??= reason;
    }
    if (reason !== null) {
      reason = blockedBy ?? reason;
      unplanned.push({ key: c.key, measure: c.measure, service: c.service, reason });
      continue;
    }
    const extra = load(c.measure, start, quarters, 1);
    extra.cost.forEach((v, q) => {
      cost[q] = (cost[q] as number) + v;
    });
    extra.effort.forEach((v, q) => {
      effort[q] = (effort[q] as number) + v;
    });
    const { priority: _, ...item } = c;
    planned.set(c.key, { ...item, start, end: start + c.measure.quarters - 1, ...(pin !== undefined && pin !== start ? { pinMissed: pin } : {}) });
  }

  const items = [...planned.values()].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  return { items, unplanned, years: totals(items, quarters), quarterLabels: Array.from({ length: quarters }, (_, i) => quarterLabel(options.start, i)) };
}

/** One-off, running and total costs and effort per plan year, both ends of the ranges. */
function totals(items: PlannedItem[], quarters: number): YearTotals[] {
  const years = Math.ceil(quarters / 4);
  const sum = (end: 0 | 1, part: 'oneOff' | 'recurring' | 'effort') => {
    const values = new Array<number>(quarters).fill(0);
    for (const item of items) {
      const m = item.measure;
      const only: Measure =
        part === 'oneOff'
          ? { ...m, yearlyCents: [0, 0] }
          : part === 'recurring'
            ? { ...m, oneOffCents: [0, 0] }
            : { ...m, oneOffCents: [0, 0], yearlyCents: [0, 0] };
      const placed = load(only, item.start, quarters, end);
      (part === 'effort' ? placed.effort : placed.cost).forEach((v, q) => {
        values[q] = (values[q] as number) + v;
      });
    }
    return perYear(values);
  };
  const parts = {
    oneOff: [sum(0, 'oneOff'), sum(1, 'oneOff')],
    recurring: [sum(0, 'recurring'), sum(1, 'recurring')],
    effort: [sum(0, 'effort'), sum(1, 'effort')],
  };
  const range = (pair: number[][], y: number, round = Math.round): Range => [round(pair[0]?.[y] ?? 0), round(pair[1]?.[y] ?? 0)];
  return Array.from({ length: years }, (_, y) => {
    const oneOffCents = range(parts.oneOff, y);
    const recurringCents = range(parts.recurring, y);
    return {
      index: y,
      oneOffCents,
      recurringCents,
      totalCents: [oneOffCents[0] + recurringCents[0], oneOffCents[1] + recurringCents[1]],
      effortDays: range(parts.effort, y, (n) => Math.round(n * 10) / 10),
    };
  });
}
