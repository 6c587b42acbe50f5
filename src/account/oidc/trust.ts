// eID trust levels (Vertrauensniveau) as BundID and Land accounts report them: STORK-QAA levels,
// eIDAS levels of assurance, or the German words. Anything unknown counts as the lowest level.
import type { TrustLevel } from '../../platform/db/schema.ts';

export const TRUST_LEVELS: readonly TrustLevel[] = ['niedrig', 'substantiell', 'hoch'];

const BY_VALUE: Record<string, TrustLevel> = {
  'stork-qaa-level-1': 'niedrig',
  'stork-qaa-level-2': 'niedrig',
  'stork-qaa-level-3': 'substantiell',
  'stork-qaa-level-4': 'hoch',
  'http://eidas.europa.eu/loa/low': 'niedrig',
  'http://eidas.europa.eu/loa/substantial': 'substantiell',
  'http://eidas.europa.eu/loa/high': 'hoch',
  low: 'niedrig',
  substantial: 'substantiell',
  high: 'hoch',
  normal: 'niedrig',
  niedrig: 'niedrig',
  substantiell: 'substantiell',
  hoch: 'hoch',
};

export function trustLevelOf(value: unknown): TrustLevel {
  return (typeof value === 'string' && BY_VALUE[value.trim().toLowerCase()]) || 'niedrig';
}

export const isTrustLevel = (value: unknown): value is TrustLevel => TRUST_LEVELS.includes(value as TrustLevel);

/** Whether a sign-in at `have` is enough for something that needs `need`. */
export const meets = (have: TrustLevel, need: TrustLevel | undefined) => !need || TRUST_LEVELS.indexOf(have) >= TRUST_LEVELS.indexOf(need);

/** The acr value to ask an IdP for a level (STORK-QAA, as BundID bridges expect). */
export const acrFor = (level: TrustLevel) => ({ niedrig: 'STORK-QAA-Level-1', substantiell: 'STORK-QAA-Level-3', hoch: 'STORK-QAA-Level-4' })[level];
