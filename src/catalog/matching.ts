// Matching the municipality's services to the federal catalogue: LeiKa-Leistungen suggested by
// full-text and trigram similarity over the service's title and keywords (the catalogue search),
// raised when the service's legal basis names the same law; rejected ones are not offered again.
// An editor confirms one: the service gets its LeiKa key and OZG-Leistung.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { searchLeika } from './read-store.ts';
import { buildSearchQuery, MAX_QUERY_LENGTH } from './search-query.ts';

type Db = Kysely<Database>;

export interface MatchSuggestion {
  leistungsschluessel: string;
  name: string;
  ozgId: number | null;
  ozgLeistung: string | null;
  themenfeld: string | null;
  score: number;
  /** The service's legal basis names the law of this LeiKa entry. */
  sameLaw: boolean;
}

export interface MatchedService {
  id: string;
  title: string;
  leikaKey: string | null;
  legalBasis: string;
}

export const findMatchedService = async (db: Db, id: string): Promise<MatchedService | undefined> =>
  /^[0-9a-f-]{36}$/.test(id)
    ? db.selectFrom('services').select(['id', 'title', 'leika_key as leikaKey', 'legal_basis as legalBasis']).where('id', '=', id).executeTakeFirst()
    : undefined;

/** The best candidates for a service, best first. */
export async function suggestMatches(db: Db, serviceId: string, limit = 6): Promise<MatchSuggestion[]> {
  const service = await db.selectFrom('services').select(['title', 'keywords', 'legal_basis']).where('id', '=', serviceId).executeTakeFirst();
  if (!service) return [];
  const query = buildSearchQuery(`${service.title} ${service.keywords.join(' ')}`.slice(0, MAX_QUERY_LENGTH));
  if (!query) return [];
  const [hits, rejected] = await Promise.all([
    searchLeika(db, query, {}, limit * 4, 0),
    db.selectFrom('match_rejections').select('leistungsschluessel').where('service_id', '=', serviceId).execute(),
  ]);
  const skip = new Set(rejected.map((r) => r.leistungsschluessel));
  const candidates = hits.items.filter(
    (h): h is typeof h & { leistungsschluessel: string } => Boolean(h.leistungsschluessel) && !skip.has(h.leistungsschluessel as string),
  );
  const laws = candidates.length
    ? await db
        .selectFrom('leika_leistungen')
        .select(['leistungsschluessel', 'gesetz_kuerzel'])
        .where(
          'leistungsschluessel',
          'in',
          candidates.map((c) => c.leistungsschluessel),
        )
        .execute()
    : [];
  const legalBasis = service.legal_basis.toLowerCase();
  const lawOf = new Map(laws.map((l) => [l.leistungsschluessel, (l.gesetz_kuerzel ?? '').trim()]));
  return candidates
    .map((c) => {
      const law = lawOf.get(c.leistungsschluessel) ?? '';
      const sameLaw = law.length > 1 && legalBasis.includes(law.toLowerCase());
      return { ...c, score: Math.round((c.score + (sameLaw ? 1 : 0)) * 100) / 100, sameLaw };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'de'))
    .slice(0, limit);
}

/** The service takes the LeiKa key and its OZG-Leistung; false if the key is not in the catalogue. */
export async function confirmMatch(db: Db, serviceId: string, leistungsschluessel: string): Promise<boolean> {
  const leika = await db.selectFrom('leika_leistungen').select(['ozg_id']).where('leistungsschluessel', '=', leistungsschluessel).executeTakeFirst();
  if (!leika || !/^99\d{12}$/.test(leistungsschluessel)) return false;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('services')
      .set({ leika_key: leistungsschluessel, ozg_id: leika.ozg_id, updated_at: sql`now()` })
      .where('id', '=', serviceId)
      .execute();
    // An open version takes the match too, so that its approval does not undo it.
    await trx
      .updateTable('service_versions')
      .set({ content: sql`content || jsonb_build_object('leikaKey', ${leistungsschluessel}::text, 'ozgId', ${leika.ozg_id}::int)` })
      .where('service_id', '=', serviceId)
      .where('state', '<>', 'published')
      .execute();
  });
  return true;
}

export async function rejectMatch(db: Db, serviceId: string, leistungsschluessel: string): Promise<void> {
  await db
    .insertInto('match_rejections')
    .values({ service_id: serviceId, leistungsschluessel })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Services not matched yet, by title. */
export const unmatchedServices = (db: Db) =>
  db
    .selectFrom('services')
    .select(['id', 'title'])
    .where('leika_key', 'is', null)
    .where('federation_source', 'is', null)
    .where('status', '<>', 'archived')
    .orderBy('title')
    .execute();

/**
 * OZG-Leistungen a municipality carries out (a LeiKa entry of Typisierung 3, 5 or 6: executed by the
 * Kommune) for which there is no local service yet.
 */
export const uncoveredOzgLeistungen = (db: Db) =>
  db
    .selectFrom('ozg_leistungen as o')
    .innerJoin('themenfelder as tf', 'tf.id', 'o.themenfeld_id')
    .select(['o.ozg_id', 'o.name', 'tf.name as themenfeld'])
    .where((eb) =>
      eb.exists(eb.selectFrom('leika_leistungen as l').select('l.id').whereRef('l.ozg_id', '=', 'o.ozg_id').where(sql<boolean>`l.typisierung ~ '[356]'`)),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('services as s').select('s.id').whereRef('s.ozg_id', '=', 'o.ozg_id').where('s.federation_source', 'is', null))),
    )
    .orderBy('tf.name')
    .orderBy('o.name')
    .execute();

/** Published services whose texts were last reviewed more than `months` ago (or never), oldest first. */
export const reviewsDue = (db: Db, months = 12) =>
  db
    .selectFrom('services')
    .select(['id', 'title', 'last_reviewed'])
    .where('status', '=', 'published')
    .where('federation_source', 'is', null)
    .where((eb) => eb.or([eb('last_reviewed', 'is', null), eb('last_reviewed', '<', sql<string>`(current_date - make_interval(months => ${months}))`)]))
    .orderBy(sql`last_reviewed NULLS FIRST`)
    .orderBy('title')
    .execute();
