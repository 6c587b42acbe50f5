// SQL for the OZG taxonomy: Themenfelder, Lebenslagen, OZG-Leistungen and LeiKa entries.
import { sql } from 'kysely';
import type { Db, Page } from './store.ts';

export interface ThemenfeldSummary {
  id: number;
  name: string;
  slug: string;
  serviceCount: number;
  ozgLeistungCount: number;
}

export interface LebenslageSummary {
  id: number;
  name: string;
  themenfeldId: number;
  themenfeld: string;
  serviceCount: number;
}

export interface OzgLeistungSummary {
  ozgId: number;
  name: string;
  lebenslageId: number;
  lebenslage: string;
  themenfeldId: number;
  themenfeld: string;
  leikaCount: number;
}

export interface LeikaEntry {
  leistungsschluessel: string | null;
  name: string;
  ozgId: number | null;
  ozgLeistung: string | null;
  themenfeld: string | null;
  typisierung: string | null;
  rechtsgrundlage: string | null;
  gesetze: string | null;
  gesetzKuerzel: string | null;
  sdg1Relevant: boolean;
  sdg2Relevant: boolean;
}

export async function listThemenfelder(db: Db): Promise<ThemenfeldSummary[]> {
  const rows = await sql<{ id: number; name: string; slug: string; service_count: number; ozg_count: number }>`
    SELECT tf.id, tf.name, tf.slug, coalesce(sc.n, 0) AS service_count, coalesce(oc.n, 0) AS ozg_count
    FROM themenfelder tf
    LEFT JOIN (
      SELECT o.themenfeld_id, count(*) AS n FROM services s JOIN ozg_leistungen o ON o.ozg_id = s.ozg_id
      WHERE s.status = 'published' GROUP BY o.themenfeld_id
    ) sc ON sc.themenfeld_id = tf.id
    LEFT JOIN (SELECT themenfeld_id, count(*) AS n FROM ozg_leistungen GROUP BY themenfeld_id) oc ON oc.themenfeld_id = tf.id
    ORDER BY tf.name
  `.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, serviceCount: Number(r.service_count), ozgLeistungCount: Number(r.ozg_count) }));
}

export async function listLebenslagen(db: Db, themenfeldId?: number): Promise<LebenslageSummary[]> {
  const rows = await sql<{ id: number; name: string; themenfeld_id: number; themenfeld: string; service_count: number }>`
    SELECT l.id, l.name, l.themenfeld_id, tf.name AS themenfeld, coalesce(c.n, 0) AS service_count
    FROM lebenslagen l JOIN themenfelder tf ON tf.id = l.themenfeld_id
    LEFT JOIN (
      SELECT sl.lebenslage_id, count(*) AS n FROM service_lebenslagen sl JOIN services s ON s.id = sl.service_id
      WHERE s.status = 'published' GROUP BY sl.lebenslage_id
    ) c ON c.lebenslage_id = l.id
    WHERE ${themenfeldId !== undefined ? sql`l.themenfeld_id = ${themenfeldId}` : sql`true`}
    ORDER BY l.name
  `.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, themenfeldId: r.themenfeld_id, themenfeld: r.themenfeld, serviceCount: Number(r.service_count) }));
}

export interface OzgFilter {
  themenfeldId?: number;
  lebenslageId?: number;
}

export async function listOzgLeistungen(db: Db, filter: OzgFilter, limit: number, offset: number): Promise<Page<OzgLeistungSummary>> {
  const where = sql.join(
    [
      filter.themenfeldId !== undefined ? sql`o.themenfeld_id = ${filter.themenfeldId}` : sql`true`,
      filter.lebenslageId !== undefined ? sql`o.lebenslage_id = ${filter.lebenslageId}` : sql`true`,
    ],
    sql` AND `,
  );
  const rows = await sql<{
    total: number;
    ozg_id: number | null;
    name: string;
    lebenslage_id: number;
    lebenslage: string;
    themenfeld_id: number;
    themenfeld: string;
    leika_count: number;
  }>`
    WITH matched AS (SELECT o.* FROM ozg_leistungen o WHERE ${where}),
    p AS (
      SELECT m.ozg_id, m.name, m.lebenslage_id, l.name AS lebenslage, m.themenfeld_id, tf.name AS themenfeld,
        (SELECT count(*) FROM leika_leistungen k WHERE k.ozg_id = m.ozg_id) AS leika_count
      FROM matched m JOIN lebenslagen l ON l.id = m.lebenslage_id JOIN themenfelder tf ON tf.id = m.themenfeld_id
      ORDER BY m.ozg_id LIMIT ${limit} OFFSET ${offset}
    )
    SELECT c.total, p.* FROM (SELECT count(*) AS total FROM matched) c LEFT JOIN p ON true ORDER BY p.ozg_id
  `.execute(db);
  return {
    total: Number(rows.rows[0]?.total ?? 0),
    items: rows.rows
      .filter((r) => r.ozg_id !== null)
      .map((r) => ({
        ozgId: r.ozg_id as number,
        name: r.name,
        lebenslageId: r.lebenslage_id,
        lebenslage: r.lebenslage,
        themenfeldId: r.themenfeld_id,
        themenfeld: r.themenfeld,
        leikaCount: Number(r.leika_count),
      })),
  };
}

function leikaQuery(db: Db) {
  return db
    .selectFrom('leika_leistungen as k')
    .leftJoin('ozg_leistungen as o', 'o.ozg_id', 'k.ozg_id')
    .leftJoin('themenfelder as tf', 'tf.id', 'o.themenfeld_id')
    .select([
      'k.leistungsschluessel',
      'k.name',
      'k.ozg_id as ozgId',
      'o.name as ozgLeistung',
      'tf.name as themenfeld',
      'k.typisierung',
      'k.rechtsgrundlage',
      'k.gesetze',
      'k.gesetz_kuerzel as gesetzKuerzel',
      'k.sdg1_relevant as sdg1Relevant',
      'k.sdg2_relevant as sdg2Relevant',
    ]);
}

export async function findLeika(db: Db, key: string): Promise<LeikaEntry | undefined> {
  return leikaQuery(db).where('k.leistungsschluessel', '=', key).executeTakeFirst();
}

export async function listLeikaForOzg(db: Db, ozgId: number): Promise<LeikaEntry[]> {
  return leikaQuery(db).where('k.ozg_id', '=', ozgId).orderBy('k.name').execute();
}

export async function findThemenfeld(db: Db, slug: string) {
  return db.selectFrom('themenfelder').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findLebenslage(db: Db, id: number) {
  return db
    .selectFrom('lebenslagen as l')
    .innerJoin('themenfelder as tf', 'tf.id', 'l.themenfeld_id')
    .select(['l.id', 'l.name', 'tf.id as themenfeldId', 'tf.name as themenfeld', 'tf.slug as themenfeldSlug'])
    .where('l.id', '=', id)
    .executeTakeFirst();
}
