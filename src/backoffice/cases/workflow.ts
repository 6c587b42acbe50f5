// Case workflows: which status may follow which. Every service has the default unless its
// configuration declares its own; a transition not listed is refused.
import { CASE_STATUSES, type CaseStatus } from '../../platform/db/schema.ts';

export { CASE_STATUSES } from '../../platform/db/schema.ts';

/** Statuses in which a case is still being worked on (and can be overdue). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['eingegangen', 'in_pruefung', 'rueckfrage'];

export type Workflow = Record<CaseStatus, CaseStatus[]>;

export const DEFAULT_TRANSITIONS: Workflow = {
  eingegangen: ['in_pruefung', 'rueckfrage', 'zurueckgezogen', 'weitergeleitet'],
  in_pruefung: ['rueckfrage', 'entschieden', 'zurueckgezogen', 'weitergeleitet'],
  rueckfrage: ['in_pruefung', 'zurueckgezogen'],
  entschieden: ['abgeschlossen'],
  abgeschlossen: [],
  zurueckgezogen: ['abgeschlossen'],
  weitergeleitet: ['abgeschlossen'],
};

/** The first status of every case, and the one every case must be able to reach in the end. */
export const START: CaseStatus = 'eingegangen';
export const END: CaseStatus = 'abgeschlossen';

export const isCaseStatus = (value: unknown): value is CaseStatus => CASE_STATUSES.includes(value as CaseStatus);

/** A stored workflow (possibly partial or stale) as a complete one; null means the default. */
export function workflowFrom(stored: Partial<Record<string, unknown>> | null | undefined): Workflow {
  if (!stored) return DEFAULT_TRANSITIONS;
  const entries = CASE_STATUSES.map((s) => {
    const next = stored[s];
    return [s, Array.isArray(next) ? next.filter((n): n is CaseStatus => isCaseStatus(n) && n !== s) : []];
  });
  return Object.fromEntries(entries) as Workflow;
}

export const allowedNext = (from: CaseStatus, workflow: Workflow = DEFAULT_TRANSITIONS): CaseStatus[] => workflow[from] ?? [];

const reachableFrom = (workflow: Workflow, from: CaseStatus): Set<CaseStatus> => {
  const seen = new Set<CaseStatus>([from]);
  const queue = [from];
  for (let s = queue.shift(); s; s = queue.shift()) {
    for (const n of workflow[s].filter((n) => !seen.has(n))) {
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
};

export type WorkflowProblem =
  | { kind: 'start-closed' }
  | { kind: 'end-not-final' }
  | { kind: 'end-unreachable' }
  | { kind: 'dead-end'; status: CaseStatus }
  | { kind: 'stranded'; status: CaseStatus };

/**
 * What is wrong with a workflow: a case must leave "eingegangen", "abgeschlossen" must be final and
 * reachable, every status a case can get into must lead on to the end, and cases already in a status
 * (`inUse`) must not be stranded there.
 */
export function checkWorkflow(workflow: Workflow, inUse: CaseStatus[] = []): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  if (workflow[START].length === 0) problems.push({ kind: 'start-closed' });
  if (workflow[END].length > 0) problems.push({ kind: 'end-not-final' });
  const reachable = reachableFrom(workflow, START);
  if (!reachable.has(END)) problems.push({ kind: 'end-unreachable' });
  for (const status of CASE_STATUSES) {
    if (status === START || status === END || reachableFrom(workflow, status).has(END)) continue;
    if (reachable.has(status)) problems.push({ kind: 'dead-end', status });
    else if (inUse.includes(status)) problems.push({ kind: 'stranded', status });
  }
  return problems;
}
