// The implementation status of every service: its catalogue facts with the computed maturity, and
// how many services stand at each level.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { computeMaturity, LEVELS, type Maturity, type Reifegrad } from './maturity.ts';
import { type ServiceFacts, serviceFacts } from './store.ts';

export type ServiceStatus = Omit<ServiceFacts, 'facts'> & { maturity: Maturity };

export async function ozgStatus(db: Kysely<Database>, serviceId?: string): Promise<ServiceStatus[]> {
  return (await serviceFacts(db, serviceId)).map(({ facts, ...service }) => ({ ...service, maturity: computeMaturity(facts) }));
}

export function levelCounts(services: ServiceStatus[]): Record<Reifegrad, number> {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Reifegrad, number>;
  for (const s of services) counts[s.maturity.level]++;
  return counts;
}
