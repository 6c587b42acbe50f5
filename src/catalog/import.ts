// Imports the OZG catalogue and the demo municipality into the database; idempotent (upserts).
import { DEMO_ORGANISATIONS } from './demo/organisations.ts';
import { BUERGER_SERVICES } from './demo/services-buerger.ts';
import { LEBEN_SERVICES } from './demo/services-leben.ts';
import { WIRTSCHAFT_BAUEN_SERVICES } from './demo/services-wirtschaft-bauen.ts';
import { type ImportProblem, readOzgCatalog } from './ozg-import.ts';
import { type Db, upsertLebenslagen, upsertLeika, upsertOrganisation, upsertOzgLeistungen, upsertService, upsertThemenfelder } from './store.ts';
import type { ServiceInput } from './types.ts';

export type ImportProgress = (step: string, done: number, total: number) => void;

export interface OzgImportSummary {
  themenfelder: number;
  lebenslagen: number;
  ozgLeistungen: number;
  leika: number;
  problems: ImportProblem[];
}

const BATCH = 500;

export async function importOzgCatalog(db: Db, dir: string, progress: ImportProgress = () => {}): Promise<OzgImportSummary> {
  const data = await readOzgCatalog(dir);
  await db.transaction().execute(async (trx) => {
    await upsertThemenfelder(trx, data.themenfelder);
    await upsertLebenslagen(trx, data.lebenslagen);
    await upsertOzgLeistungen(trx, data.ozgLeistungen);
    for (let i = 0; i < data.leika.length; i += BATCH) {
      await upsertLeika(trx, data.leika.slice(i, i + BATCH));
      progress('LeiKa', Math.min(i + BATCH, data.leika.length), data.leika.length);
    }
  });
  return {
    themenfelder: data.themenfelder.length,
    lebenslagen: data.lebenslagen.length,
    ozgLeistungen: data.ozgLeistungen.length,
    leika: data.leika.length,
    problems: data.problems,
  };
}

export const DEMO_SERVICES: ServiceInput[] = [...BUERGER_SERVICES, ...WIRTSCHAFT_BAUEN_SERVICES, ...LEBEN_SERVICES];

/** The demo municipality Musterstadt; needs the OZG catalogue imported first (services reference it). */
export async function seedDemoMunicipality(db: Db, progress: ImportProgress = () => {}): Promise<{ organisations: number; services: number }> {
  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) orgIds.set(org.slug, await upsertOrganisation(db, org));
  const ozg = new Map((await db.selectFrom('ozg_leistungen').select(['ozg_id', 'lebenslage_id']).execute()).map((r) => [r.ozg_id, r.lebenslage_id]));
  let done = 0;
  for (const service of DEMO_SERVICES) {
    const lebenslage = service.ozgId !== null ? ozg.get(service.ozgId) : undefined;
    if (service.ozgId !== null && lebenslage === undefined) {
      throw new Error(`Demo service ${service.slug} refers to OZG-ID ${service.ozgId}, which is not in the imported catalogue`);
    }
    const withLebenslagen = { ...service, lebenslageIds: [...new Set([...(lebenslage ? [lebenslage] : []), ...service.lebenslageIds])] };
    await upsertService(db, withLebenslagen, orgIds.get(service.organisationSlug) ?? null);
    progress('Musterstadt', ++done, DEMO_SERVICES.length);
  }
  return { organisations: DEMO_ORGANISATIONS.length, services: DEMO_SERVICES.length };
}
