// Every SQL statement of the catalogue module.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { LebenslageRow, LeikaRow, Organisation, OzgLeistungRow, ServiceInput, ThemenfeldRow } from './types.ts';

export type Db = Kysely<Database>;

export interface Page<T> {
  total: number;
  items: T[];
}

export interface ServiceFilter {
  themenfeldId?: number;
  lebenslageId?: number;
  ozgId?: number;
  leikaKey?: string;
}

// ---- import (upserts; re-running an import changes nothing) ----

export async function upsertThemenfelder(db: Db, rows: ThemenfeldRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('themenfelder')
    .values(rows)
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), slug: eb.ref('excluded.slug') })))
    .execute();
}

export async function upsertLebenslagen(db: Db, rows: LebenslageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('lebenslagen')
    .values(rows.map((r) => ({ id: r.id, name: r.name, themenfeld_id: r.themenfeldId })))
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), themenfeld_id: eb.ref('excluded.themenfeld_id') })))
    .execute();
}

export async function upsertOzgLeistungen(db: Db, rows: OzgLeistungRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('ozg_leistungen')
    .values(rows.map((r) => ({ ozg_id: r.ozgId, name: r.name, lebenslage_id: r.lebenslageId, themenfeld_id: r.themenfeldId })))
    .onConflict((oc) =>
      oc.column('ozg_id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        lebenslage_id: eb.ref('excluded.lebenslage_id'),
        themenfeld_id: eb.ref('excluded.themenfeld_id'),
      })),
    )
    .execute();
}

export async function upsertLeika(db: Db, rows: LeikaRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('leika_leistungen')
    .values(
      rows.map((r) => ({
        catalog_key: r.catalogKey,
        leistungsschluessel: r.leistungsschluessel,
        name: r.name,
        ozg_id: r.ozgId,
        typisierung: r.typisierung,
        rechtsgrundlage: r.rechtsgrundlage,
        gesetze: r.gesetze,
        gesetz_kuerzel: r.gesetzKuerzel,
        sdg1_relevant: r.sdg1Relevant,
        sdg2_relevant: r.sdg2Relevant,
      })),
    )
    .onConflict((oc) =>
      oc.column('catalog_key').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        ozg_id: eb.ref('excluded.ozg_id'),
        typisierung: eb.ref('excluded.typisierung'),
        rechtsgrundlage: eb.ref('excluded.rechtsgrundlage'),
        gesetze: eb.ref('excluded.gesetze'),
        gesetz_kuerzel: eb.ref('excluded.gesetz_kuerzel'),
        sdg1_relevant: eb.ref('excluded.sdg1_relevant'),
        sdg2_relevant: eb.ref('excluded.sdg2_relevant'),
      })),
    )
    .execute();
}

export async function countCatalog(db: Db): Promise<{ ozgLeistungen: number; services: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('ozg_leistungen').select(eb.fn.countAll<number>().as('n')).as('ozgLeistungen'),
      eb.selectFrom('services').select(eb.fn.countAll<number>().as('n')).as('services'),
    ])
    .executeTakeFirstOrThrow();
  return { ozgLeistungen: Number(row.ozgLeistungen), services: Number(row.services) };
}

export async function upsertOrganisation(db: Db, org: Organisation): Promise<string> {
  const values = {
    slug: org.slug,
    name: org.name,
    street: org.street,
    postal_code: org.postalCode,
    city: org.city,
    opening_hours: org.openingHours,
    phone: org.phone,
    email: org.email,
    website: org.website,
  };
  const row = await db
    .insertInto('organisations')
    .values(values)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertService(db: Db, input: ServiceInput, organisationId: string | null): Promise<string> {
  return db.transaction().execute((trx) => writeService(trx, input, organisationId));
}

/** Creates or updates a service (by slug) with its offices and Lebenslagen, inside the caller's transaction. */
export async function writeService(trx: Transaction<Database>, input: ServiceInput, organisationId: string | null): Promise<string> {
  const values = {
    slug: input.slug,
    title: input.title,
    title_en: input.titleEn,
    summary: input.summary,
    description: input.description,
    prerequisites: input.prerequisites,
    required_documents: input.requiredDocuments,
    fee_cents: input.feeCents,
    fee_text: input.feeText,
    processing_time: input.processingTime,
    deadlines: input.deadlines,
    legal_basis: input.legalBasis,
    organisation_id: organisationId,
    online_service_url: input.onlineServiceUrl,
    leika_key: input.leikaKey,
    ozg_id: input.ozgId,
    keywords: input.keywords,
    status: input.status,
    last_reviewed: input.lastReviewed,
  };
  const { id } = await trx
    .insertInto('services')
    .values(values)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  // The responsible office handles the service in the back office unless more are added there.
  if (values.organisation_id) {
    await trx
      .insertInto('service_organisations')
      .values({ service_id: id, organisation_id: values.organisation_id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await trx.deleteFrom('service_lebenslagen').where('service_id', '=', id).execute();
  if (input.lebenslageIds.length > 0) {
    await trx
      .insertInto('service_lebenslagen')
      .values(input.lebenslageIds.map((lebenslage_id) => ({ service_id: id, lebenslage_id })))
      .execute();
  }
  return id;
}

/** Points a service's "apply online" link at an online form; returns the service id. */
export async function linkOnlineService(db: Db, slug: string, url: string): Promise<string | undefined> {
  const row = await db
    .updateTable('services')
    .set({ online_service_url: url, updated_at: sql`now()` })
    .where('slug', '=', slug)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
