// Read side of the catalogue: search, listings and detail queries (all SQL of the reads lives here).
import { sql } from 'kysely';
import type { SearchQuery } from './search-query.ts';
import type { Db, Page, ServiceFilter } from './store.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, type LeikaHit, type ServiceDetail, type ServiceHit } from './types.ts';

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=40, MinWords=20, MaxFragments=0`;

interface ServiceHitRow {
  total: number;
  id: string | null;
  slug: string;
  title: string;
  title_en: string;
  summary: string;
  snippet: string;
  ozg_id: number | null;
  leika_key: string | null;
  themenfeld: string | null;
  online_service_url: string | null;
  source: string | null;
  score: number;
}

function toHit(r: ServiceHitRow): ServiceHit {
  return {
    id: r.id as string,
    slug: r.slug,
    title: r.title,
    titleEn: r.title_en,
    summary: r.summary,
    snippet: r.snippet,
    ozgId: r.ozg_id,
    leikaKey: r.leika_key,
    themenfeld: r.themenfeld,
    onlineServiceUrl: r.online_service_url,
    source: r.source ?? null,
    score: Number(r.score),
  };
}

function filterSql(filter: ServiceFilter) {
  return sql.join(
    [
      sql`s.status = 'published'`,
      filter.themenfeldId !== undefined ? sql`o.themenfeld_id = ${filter.themenfeldId}` : sql`true`,
      filter.lebenslageId !== undefined
        ? sql`EXISTS (SELECT 1 FROM service_lebenslagen sl WHERE sl.service_id = s.id AND sl.lebenslage_id = ${filter.lebenslageId})`
        : sql`true`,
      filter.ozgId !== undefined ? sql`s.ozg_id = ${filter.ozgId}` : sql`true`,
      filter.leikaKey !== undefined ? sql`s.leika_key = ${filter.leikaKey}` : sql`true`,
    ],
    sql` AND `,
  );
}

/**
 * Ranks published services: all terms matching (strict) counts most, then full-text rank,
 * trigram closeness to title and keywords (typos) and closeness of the whole title (exact service first).
 * The outer LEFT JOIN always yields one row, so the total is known even past the last page.
 */
export async function searchServices(db: Db, query: SearchQuery | undefined, filter: ServiceFilter, limit: number, offset: number): Promise<Page<ServiceHit>> {
  const score = query
    ? sql`(CASE WHEN s.search_doc @@ q.strict THEN 1.0 ELSE 0 END) + ts_rank(s.search_doc, q.loose)
          + 2 * word_similarity(q.folded, s.search_text) + word_similarity(q.folded, amtsweg_fold(s.title))
          + 0.5 * similarity(q.folded, amtsweg_fold(s.title))`
    : sql`0`;
  const match = query ? sql`(s.search_doc @@ q.loose OR q.folded <% s.search_text)` : sql`true`;
  const snippet = query ? sql`ts_headline('german', p.summary, q.loose, ${HEADLINE_OPTIONS})` : sql`p.summary`;
  const result = await sql<ServiceHitRow>`
    WITH q AS (
      SELECT to_tsquery('german', ${query?.strict ?? ''}) AS strict,
             to_tsquery('german', ${query?.loose ?? ''}) AS loose,
             ${query?.folded ?? ''}::text AS folded
    ),
    matched AS (
      SELECT s.id, s.slug, s.title, s.title_en, s.summary, s.ozg_id, s.leika_key, s.online_service_url,
             tf.name AS themenfeld, fs.name AS source, ${score} AS score
      FROM services s CROSS JOIN q
      LEFT JOIN federation_sources fs ON fs.url = s.federation_source
      LEFT JOIN ozg_leistungen o ON o.ozg_id = s.ozg_id
      LEFT JOIN themenfelder tf ON tf.id = o.themenfeld_id
      WHERE ${filterSql(filter)} AND ${match}
    ),
    p AS (SELECT * FROM matched ORDER BY score DESC, title, id LIMIT ${limit} OFFSET ${offset})
    SELECT c.total, p.*, ${snippet} AS snippet
    FROM (SELECT count(*) AS total FROM matched) c
    CROSS JOIN q
    LEFT JOIN p ON true
    ORDER BY p.score DESC, p.title, p.id
  `.execute(db);
  const rows = result.rows;
  return { total: Number(rows[0]?.total ?? 0), items: rows.filter((r) => r.id !== null).map(toHit) };
}

interface LeikaHitRow {
  total: number;
  leistungsschluessel: string | null;
  name: string | null;
  ozg_id: number | null;
  ozg_leistung: string | null;
  themenfeld: string | null;
  score: number;
}

/** Searches the federal LeiKa catalogue (all 5,249 Leistungen), for the "whole catalogue" scope. */
export async function searchLeika(
  db: Db,
  query: SearchQuery,
  filter: Pick<ServiceFilter, 'themenfeldId' | 'lebenslageId'>,
  limit: number,
  offset: number,
): Promise<Page<LeikaHit>> {
  const result = await sql<LeikaHitRow>`
    WITH q AS (
      SELECT to_tsquery('german', ${query.strict}) AS strict, to_tsquery('german', ${query.loose}) AS loose,
             ${query.folded}::text AS folded
    ),
    matched AS (
      SELECT l.leistungsschluessel, l.name, l.ozg_id, o.name AS ozg_leistung, tf.name AS themenfeld,
             (CASE WHEN l.search_doc @@ q.strict THEN 1.0 ELSE 0 END) + ts_rank(l.search_doc, q.loose)
             + 2 * word_similarity(q.folded, l.search_text) + 0.5 * similarity(q.folded, l.search_text) AS score
      FROM leika_leistungen l CROSS JOIN q
      LEFT JOIN ozg_leistungen o ON o.ozg_id = l.ozg_id
      LEFT JOIN themenfelder tf ON tf.id = o.themenfeld_id
      WHERE (l.search_doc @@ q.loose OR q.folded <% l.search_text)
        AND ${filter.themenfeldId !== undefined ? sql`o.themenfeld_id = ${filter.themenfeldId}` : sql`true`}
        AND ${filter.lebenslageId !== undefined ? sql`o.lebenslage_id = ${filter.lebenslageId}` : sql`true`}
    ),
    p AS (SELECT * FROM matched ORDER BY score DESC, name, leistungsschluessel LIMIT ${limit} OFFSET ${offset})
    SELECT c.total, p.* FROM (SELECT count(*) AS total FROM matched) c LEFT JOIN p ON true
    ORDER BY p.score DESC, p.name, p.leistungsschluessel
  `.execute(db);
  const rows = result.rows;
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows
      .filter((r) => r.name !== null)
      .map((r) => ({
        leistungsschluessel: r.leistungsschluessel,
        name: r.name as string,
        ozgId: r.ozg_id,
        ozgLeistung: r.ozg_leistung,
        themenfeld: r.themenfeld,
        score: Number(r.score),
      })),
  };
}

/** Titles starting with or containing the typed text, for search-as-you-type. */
export async function suggestServices(db: Db, folded: string, limit: number): Promise<{ slug: string; title: string }[]> {
  return db
    .selectFrom('services')
    .select(['slug', 'title'])
    .where('status', '=', 'published')
    .where(sql<boolean>`${folded}::text <% search_text`)
    .orderBy(sql`word_similarity(${folded}::text, search_text)`, 'desc')
    .orderBy('title')
    .limit(limit)
    .execute();
}

export async function findService(db: Db, by: { slug: string } | { id: string }, includeDrafts = false): Promise<ServiceDetail | undefined> {
  let q = db
    .selectFrom('services')
    .leftJoin('organisations as org', 'org.id', 'services.organisation_id')
    .leftJoin('ozg_leistungen as o', 'o.ozg_id', 'services.ozg_id')
    .leftJoin('themenfelder as tf', 'tf.id', 'o.themenfeld_id')
    .leftJoin('federation_sources as fs', 'fs.url', 'services.federation_source')
    .selectAll('services')
    .select([
      'fs.name as source_name',
      'org.slug as org_slug',
      'org.name as org_name',
      'org.street as org_street',
      'org.postal_code as org_postal_code',
      'org.city as org_city',
      'org.opening_hours as org_opening_hours',
      'org.phone as org_phone',
      'org.email as org_email',
      'org.website as org_website',
      'o.name as ozg_name',
      'tf.id as tf_id',
      'tf.name as tf_name',
      'tf.slug as tf_slug',
    ]);
  q = 'slug' in by ? q.where('services.slug', '=', by.slug) : q.where('services.id', '=', by.id);
  if (!includeDrafts) q = q.where('services.status', '=', 'published');
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  const lebenslagen = await db
    .selectFrom('service_lebenslagen as sl')
    .innerJoin('lebenslagen as l', 'l.id', 'sl.lebenslage_id')
    .select(['l.id', 'l.name'])
    .where('sl.service_id', '=', r.id)
    .orderBy('l.name')
    .execute();
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    titleEn: r.title_en,
    summary: r.summary,
    description: r.description,
    prerequisites: r.prerequisites,
    requiredDocuments: r.required_documents,
    feeCents: r.fee_cents,
    feeText: r.fee_text,
    processingTime: r.processing_time,
    deadlines: r.deadlines,
    legalBasis: r.legal_basis,
    onlineServiceUrl: r.online_service_url,
    leikaKey: r.leika_key,
    ozgId: r.ozg_id,
    keywords: r.keywords,
    status: r.status,
    lastReviewed: r.last_reviewed,
    updatedAt: new Date(r.updated_at).toISOString(),
    source: r.source_name ? { name: r.source_name, url: r.federation_source ?? '' } : null,
    organisation: r.federation_org
      ? { slug: '', openingHours: '', name: '', street: '', postalCode: '', city: '', phone: '', email: '', website: '', ...r.federation_org }
      : r.org_slug
        ? {
            slug: r.org_slug,
            name: r.org_name ?? '',
            street: r.org_street ?? '',
            postalCode: r.org_postal_code ?? '',
            city: r.org_city ?? '',
            openingHours: r.org_opening_hours ?? '',
            phone: r.org_phone ?? '',
            email: r.org_email ?? '',
            website: r.org_website ?? '',
          }
        : null,
    ozgLeistung: r.ozg_id !== null && r.ozg_name ? { ozgId: r.ozg_id, name: r.ozg_name } : null,
    themenfeld: r.tf_id !== null && r.tf_name && r.tf_slug ? { id: r.tf_id, name: r.tf_name, slug: r.tf_slug } : null,
    lebenslagen,
  };
}
