// Every SQL statement of the Portalverbund: the own published services for the feed, changes since
// a time (withdrawn ones too), federated services written and withdrawn, the sources.
import { sql } from 'kysely';
import type { Db } from './store.ts';

export interface FeedRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  prerequisites: string[];
  required_documents: string[];
  fee_cents: number | null;
  fee_text: string;
  processing_time: string;
  deadlines: string;
  legal_basis: string;
  online_service_url: string | null;
  leika_key: string | null;
  ozg_id: number | null;
  keywords: string[];
  status: 'draft' | 'published';
  updated_at: Date;
  /** updated_at as the database writes it (keyset cursor). */
  key: string;
  org_name: string | null;
  org_street: string | null;
  org_postal_code: string | null;
  org_city: string | null;
  org_phone: string | null;
  org_email: string | null;
  org_website: string | null;
}

/**
 * The municipality's own services, oldest change first; with `since` (inclusive: a change in the same
 * millisecond is sent again rather than missed), what changed from then on, withdrawn ones too.
 */
export async function feedPage(db: Db, since: Date | undefined, after: { key: string; id: string } | undefined, limit: number): Promise<FeedRow[]> {
  const { rows } = await sql<FeedRow>`
    SELECT s.id, s.slug, s.title, s.summary, s.description, s.prerequisites, s.required_documents, s.fee_cents, s.fee_text,
           s.processing_time, s.deadlines, s.legal_basis, s.online_service_url, s.leika_key, s.ozg_id, s.keywords, s.status,
           s.updated_at, s.updated_at::text AS key,
           o.name AS org_name, o.street AS org_street, o.postal_code AS org_postal_code, o.city AS org_city,
           o.phone AS org_phone, o.email AS org_email, o.website AS org_website
    FROM services s LEFT JOIN organisations o ON o.id = s.organisation_id
    WHERE s.federation_source IS NULL
      AND ${since ? sql`s.updated_at >= ${since}` : sql`s.status = 'published'`}
      AND ${after ? sql`(s.updated_at, s.id) > (${after.key}::timestamptz, ${after.id}::uuid)` : sql`true`}
    ORDER BY s.updated_at, s.id
    LIMIT ${limit}
  `.execute(db);
  return rows;
}

export const findSource = (db: Db, url: string) => db.selectFrom('federation_sources').selectAll().where('url', '=', url).executeTakeFirst();
export const listSources = (db: Db) => db.selectFrom('federation_sources').selectAll().orderBy('name').execute();

export async function saveSource(db: Db, url: string, name: string): Promise<void> {
  await db
    .insertInto('federation_sources')
    .values({ url, name })
    .onConflict((oc) => oc.column('url').doUpdateSet({ name, updated_at: sql`now()` }))
    .execute();
}

export async function recordSync(db: Db, url: string, outcome: { syncedUntil: Date } | { error: string }): Promise<void> {
  await db
    .updateTable('federation_sources')
    .set(
      'syncedUntil' in outcome
        ? { synced_until: outcome.syncedUntil, last_error: null, updated_at: sql`now()` }
        : { last_error: outcome.error.slice(0, 1000), updated_at: sql`now()` },
    )
    .where('url', '=', url)
    .execute();
}

/** A service of another portal hides again when its source withdraws it. */
export async function withdrawFederated(db: Db, source: string, remoteId: string): Promise<void> {
  await db
    .updateTable('services')
    .set({ status: 'draft', updated_at: sql`now()` })
    .where('federation_source', '=', source)
    .where('federation_remote_id', '=', remoteId)
    .execute();
}

/** The id of the local copy of a remote service, if there is one. */
export const federatedId = async (db: Db, source: string, remoteId: string) =>
  (await db.selectFrom('services').select('id').where('federation_source', '=', source).where('federation_remote_id', '=', remoteId).executeTakeFirst())?.id;

export async function markFederated(db: Db, serviceId: string, source: string, remoteId: string, org: Record<string, string> | null): Promise<void> {
  await db
    .updateTable('services')
    .set({ federation_source: source, federation_remote_id: remoteId, federation_org: org ? JSON.stringify(org) : null })
    .where('id', '=', serviceId)
    .execute();
}
