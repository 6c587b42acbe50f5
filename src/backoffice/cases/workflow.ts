// The default case workflow: which status may follow which. A transition not listed is refused.
import type { CaseStatus } from '../../platform/db/schema.ts';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'eingegangen',
  'in_pruefung',
  'rueckfrage',
  'entschieden',
  'abgeschlossen',
  'zurueckgezogen',
  'weitergeleitet',
];

export const DEFAULT_TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  eingegangen: ['in_pruefung', 'rueckfrage', 'zurueckgezogen', 'weitergeleitet'],
  in_pruefung: ['rueckfrage', 'entschieden', 'zurueckgezogen', 'weitergeleitet'],
  rueckfrage: ['in_pruefung', 'zurueckgezogen'],
  entschieden: ['abgeschlossen'],
  abgeschlossen: [],
  zurueckgezogen: ['abgeschlossen'],
  weitergeleitet: ['abgeschlossen'],
};

export const allowedNext = (from: CaseStatus): CaseStatus[] => DEFAULT_TRANSITIONS[from] ?? [];

export const isCaseStatus = (value: unknown): value is CaseStatus => CASE_STATUSES.includes(value as CaseStatus);
