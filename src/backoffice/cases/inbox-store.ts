// Every SQL statement of the inbox: filters, text search, keyset pages and the counts per status.
// Visibility is part of every query: a case is seen only through the services of the staff member's
// Organisationseinheiten.
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { createCache } from '../../platform/cache.ts';
import { PLAN_EACH_TIME } from '../../platform/db/database.ts';
import type { CaseStatus, Database } from '../../platform/db/schema.ts';
import { visibleServices } from './store.ts';
import { OPEN_STATUSES } from './workflow.ts';

type Db = Kysely<Database>;

export interface InboxFilter {
  organisationIds: string[];
  status?: CaseStatus;
  serviceId?: string;
  /** `me`, `none` or a staff id. */
  assignee?: string;
  staffId: string;
  overdue?: boolean;
  from?: Date;
  to?: Date;
  q?: string;
  sort: 'newest' | 'oldest' | 'due';
  /** Keyset cursor: the sort key (a timestamp as PostgreSQL writes it) and id of the last row of the previous page. */
  after?: { key: string; id: string };
  limit: number;
}

export interface InboxRow {
  id: string;
  reference: string;
  applicantName: string;
  serviceTitle: string | null;
  status: CaseStatus;
  submittedAt: Date;
  dueAt: Date | null;
  assigneeName: string | null;
  /** The sort column at full (microsecond) precision, for the keyset cursor. */
  sortKey: string | null;
}

/**
 * The words searched for. The text parser turns "MS-AB" into "ms-ab", "ms" and "ab"; asking for all
 * three makes the index intersect with "ms", i.e. every licence plate of the district. A hyphenated
 * word is asked for whole (every document that contains it has it whole); other words go through the
 * parser as typed.
 */
export function searchQuery(q: string) {
  const words = q.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  const hyphenated = words.filter((w) => /^\p{L}[\p{L}\p{N}]*(-[\p{L}\p{N}]+)+$/u.test(w)).map((w) => w.toLowerCase());
  const rest = words.filter((w) => !hyphenated.includes(w.toLowerCase())).join(' ');
  const whole = hyphenated.map((w) => `'${w}'`).join(' & ');
  if (!whole) return sql`plainto_tsquery('simple', ${rest})`;
  return rest.trim() ? sql`(plainto_tsquery('simple', ${rest}) && ${whole}::tsquery)` : sql`${whole}::tsquery`;
}

const isReference = (q: string) => /^[A-Z]{2,6}-\d{4}-\d{6}$/i.test(q.trim());

/**
 * Whether the filter searches for words (not a reference number): how often they occur decides the
 * plan, so such queries are planned with their values (`PLAN_EACH_TIME`) unless known to be frequent.
 */
const searchesWords = (f: InboxFilter): f is InboxFilter & { q: string } => Boolean(f.q && !isReference(f.q));

type CasesBuilder = ExpressionBuilder<Database & { a: Database['applications'] }, 'a'>;

// The builder of a query over `applications as a` (joined or not): the conditions only use `a`.
const on = (eb: unknown) => eb as CasesBuilder;

// The values the partial indexes are defined with, written into the query text: as parameters they
// would hide from PostgreSQL that an index applies, so every execution would have to be planned anew
// (a custom plan, ~0.5 ms per inbox page) instead of reusing the prepared statement's generic plan.
const SUBMITTED = sql.lit<'submitted'>('submitted');
const OPEN = OPEN_STATUSES.map((s) => sql.lit<CaseStatus>(s));

/**
 * How a text search is matched. `indexed`: the condition can use the full-text index and the query
 * is planned with the searched words (which decide between that index and a sort index).
 * `frequent`: the words are known to match many cases (`isFrequent`), so the page walks the sort
 * index and checks each case. The condition is then written so that it cannot use the full-text
 * index (`IS TRUE`) and the words are read once (a subquery), which makes the plan the same for
 * every word: the prepared statement's generic plan serves and nothing is planned per request
 * (planning was a third of PostgreSQL's time for such a page).
 */
type TextMatch = 'indexed' | 'frequent';

/**
 * The inbox filter as conditions on `a`. Visibility: through the offices; through the given list of
 * their services; or `joined` when the query already reads the cases through the visible services.
 */
function conditions(db: Db, f: InboxFilter, services?: string[] | 'joined', text: TextMatch = 'indexed') {
  return (eb: CasesBuilder) => {
    const all: Expression<SqlBool>[] = [eb('a.status', '=', SUBMITTED)];
    if (Array.isArray(services)) all.push(eb('a.service_id', '=', sql<string>`ANY(${services}::uuid[])`));
    else if (services !== 'joined') all.push(eb('a.service_id', 'in', visibleServices(db, f.organisationIds)));
    // In the text as well: only with the status written out can a plan made once use the partial
    // indexes of open cases (seven statuses, so seven statements at most).
    if (f.status) all.push(eb('a.case_status', '=', sql.lit(f.status)));
    if (f.serviceId) all.push(eb('a.service_id', '=', f.serviceId));
    if (f.assignee === 'me') all.push(eb('a.assignee_id', '=', f.staffId));
    else if (f.assignee === 'none') all.push(eb('a.assignee_id', 'is', null));
    else if (f.assignee) all.push(eb('a.assignee_id', '=', f.assignee));
    if (f.overdue) all.push(eb.and([eb('a.due_at', '<', new Date()), eb('a.case_status', 'in', OPEN)]));
    if (f.from) all.push(eb('a.submitted_at', '>=', f.from));
    if (f.to) all.push(eb('a.submitted_at', '<', f.to));
    if (f.q) {
      const q = f.q.trim();
      if (isReference(q)) all.push(eb('a.reference', '=', q.toUpperCase()));
      else if (text === 'frequent') all.push(sql<SqlBool>`(a.case_search @@ (SELECT ${searchQuery(q)})) IS TRUE`);
      else all.push(sql<SqlBool>`a.case_search @@ ${searchQuery(q)}`);
    }
    return eb.and(all);
  };
}

/**
 * One page of the inbox: each visible service's first page is read from its own index (service,
 * sort key, id) and the pages are merged, so it is as fast with a million cases as with a thousand.
 * Per service the planner picks the sort index (frequent matches) or the full-text index (rare ones).
 */
function pageQuery(db: Db, f: InboxFilter, text: TextMatch = 'indexed') {
  const keyColumn = f.sort === 'due' ? 'a.due_at' : 'a.submitted_at';
  const descending = f.sort === 'newest';
  const direction = descending ? 'desc' : 'asc';
  const page = (eb: CasesBuilder) => {
    const all: Expression<SqlBool>[] = [conditions(db, f, 'joined', text)(eb)];
    if (f.after) {
      // Compared at the database's precision: a JavaScript Date would cut microseconds off and page
      // through the same row again (or skip its neighbours).
      const key = sql<Date>`${f.after.key}::timestamptz`;
      all.push(eb.or([eb(keyColumn, descending ? '<' : '>', key), eb.and([eb(keyColumn, '=', key), eb('a.id', descending ? '<' : '>', f.after.id)])]));
    }
    return eb.and(all);
  };
  // The page's ids and sort keys first: for views that skip many cases (overdue by receipt: the open
  // cases not yet due) the walk can then stay in a covering index; the rows are read for the page only.
  const keys = db
    .selectFrom(
      visibleServices(db, f.organisationIds)
        .$if(Boolean(f.serviceId), (q) => q.where('service_id', '=', f.serviceId as string))
        .distinct()
        .as('v'),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('applications as a')
          .select(['a.id', keyColumn])
          .whereRef('a.service_id', '=', 'v.service_id')
          .where((inner) => page(on(inner)))
          .orderBy(keyColumn, direction)
          .orderBy('a.id', direction)
          .limit(sql.lit(f.limit))
          .as('a'),
      (join) => join.onTrue(),
    )
    .select(['a.id', keyColumn])
    .orderBy(keyColumn, direction)
    .orderBy('a.id', direction)
    .limit(sql.lit(f.limit));
  // A word's frequency decides between the word index and the sort index: searches are planned each
  // time, unless the words are known to be frequent.
  return db
    .selectFrom(keys.as('k'))
    .$if(searchesWords(f) && text === 'indexed', (q) => q.modifyFront(PLAN_EACH_TIME))
    .innerJoin('applications as a', 'a.id', 'k.id')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('staff_users as u', 'u.id', 'a.assignee_id')
    .select(['a.id', 'a.reference', 'a.applicant_name', 's.title', 'a.case_status', 'a.submitted_at', 'a.due_at', 'u.name'])
    .select(sql<string | null>`${sql.ref(keyColumn)}::text`.as('sort_key'))
    .orderBy(keyColumn, direction)
    .orderBy('a.id', direction);
}

/** One page of the inbox (see `pageQuery`). */
export async function inbox(db: Db, f: InboxFilter, text: TextMatch = 'indexed'): Promise<InboxRow[]> {
  return (await pageQuery(db, f, text).execute()).map(toInboxRow);
}

interface PageRow {
  id: string;
  reference: string | null;
  applicant_name: string;
  title: string | null;
  case_status: CaseStatus | null;
  submitted_at: Date | null;
  due_at: Date | null;
  name: string | null;
  sort_key: string | null;
}

const toInboxRow = (r: PageRow): InboxRow => ({
  id: r.id,
  reference: r.reference as string,
  applicantName: r.applicant_name,
  serviceTitle: r.title,
  status: (r.case_status ?? 'eingegangen') as CaseStatus,
  submittedAt: r.submitted_at as Date,
  dueAt: r.due_at,
  assigneeName: r.name,
  sortKey: r.sort_key,
});

/** Counting stops here: more matches than this (a search for a common name) show no counts. */
export const COUNT_LIMIT = 1000;

// Counting even the first thousand matches of a common surname reads a thousand table rows (more
// than half of such a request's database time). PostgreSQL's estimate from its word statistics is
// asked first (planning only); far above the limit, there is nothing to count. Estimates of frequent
// words are close (8,155 "Müller" estimated as 6,983); rare words and combinations are estimated low
// and so always counted. The statistics change only when PostgreSQL analyses the table again, so an
// estimate is kept for ten minutes.
const ESTIMATE_FACTOR = 3;
const estimates = createCache<number>({ ttlMs: 600_000, max: 2000 });

// A filter that was counted and matched more than COUNT_LIMIT cases (a month, a colleague's cases) is
// not counted again for a minute: counting a thousand index entries to learn "more than a thousand"
// was a third of such a page's database time. So many matches rarely fall below the limit within a
// minute, and if they do, the page says "more than 1,000" a minute longer.
const overLimit = createCache<true>({ ttlMs: 60_000, max: 2000 });

/** The filter without what counting ignores (status, page, sort): the key of estimates and of `overLimit`. */
function countKey(f: InboxFilter): string {
  const { status, after, sort, limit, ...filter } = f;
  return JSON.stringify(filter);
}

/**
 * How many cases PostgreSQL expects to match (without status), from its statistics. The services are
 * listed: through the offices' subquery it would assume services of average size.
 */
function estimatedMatches(db: Db, f: InboxFilter): Promise<number> {
  const filter = { ...f, status: undefined };
  return estimates.get(countKey(f), async () => {
    const services = (
      await visibleServices(db, f.organisationIds)
        .$if(Boolean(f.serviceId), (q) => q.where('service_id', '=', f.serviceId as string))
        .execute()
    ).map((r) => r.service_id);
    const probe = db
      .selectFrom('applications as a')
      .select('a.id')
      .where((eb) => conditions(db, filter, services)(on(eb)));
    const [row] = (await probe.explain('json')) as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[];
    return row?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  });
}

type Counts = Partial<Record<CaseStatus, number>>;

/** Whether a text search's words match far more cases than the limit, by PostgreSQL's estimate. */
const isFrequent = async (db: Db, f: InboxFilter) => searchesWords(f) && (await estimatedMatches(db, f)) > COUNT_LIMIT * ESTIMATE_FACTOR;

/** Whether the counts are not worth asking for: too many by the estimate, or by a recent count. */
const tooManyToCount = async (db: Db, f: InboxFilter) => overLimit.peek(countKey(f)) !== undefined || (await isFrequent(db, f));

/**
 * Cases per status under the same filter, without the status filter itself, as one JSON object
 * (status → number): a scalar subquery, so that it can ride along with the page's query. Filtered by
 * office and service only, the counts come from `case_counts` (kept by a trigger, summed over its
 * slots) and are always complete; under any other filter at most COUNT_LIMIT + 1 cases are counted.
 */
function countsQuery(db: Db, f: InboxFilter) {
  const perStatus = countsAreKept(f)
    ? db
        .selectFrom('case_counts as c')
        .select(['c.case_status', (e) => e.fn.sum<string>('c.n').as('n')])
        .where('c.service_id', 'in', visibleServices(db, f.organisationIds))
        .$if(Boolean(f.serviceId), (q) => q.where('c.service_id', '=', f.serviceId as string))
        .groupBy('c.case_status')
        // A slot may be negative (cases that moved on through another connection); only sums count.
        .having(sql<SqlBool>`sum(c.n) > 0`)
        .as('g')
    : db
        .selectFrom(
          db
            .selectFrom('applications as a')
            .select('a.case_status')
            .where((eb) => conditions(db, { ...f, status: undefined })(on(eb)))
            .limit(sql.lit(COUNT_LIMIT + 1))
            .as('m'),
        )
        .select([sql<CaseStatus>`coalesce(m.case_status, 'eingegangen')`.as('case_status'), (e) => e.fn.countAll<string>().as('n')])
        .groupBy(sql`1`)
        .as('g');
  return db.selectFrom(perStatus).select(sql<Counts>`coalesce(jsonb_object_agg(g.case_status, g.n), '{}')`.as('counts'));
}

/** Filtered by office and service only: the counts kept by the trigger serve, complete. */
const countsAreKept = (f: InboxFilter) => !f.assignee && !f.overdue && !f.from && !f.to && !f.q;

/**
 * Counts as shown: undefined when more than COUNT_LIMIT cases were counted (not kept ones, which are
 * complete); such a filter is remembered in `overLimit`.
 */
function shownCounts(f: InboxFilter, counts: Counts): Counts | undefined {
  if (countsAreKept(f) || Object.values(counts).reduce((sum, n) => sum + Number(n), 0) <= COUNT_LIMIT) return counts;
  overLimit.set(countKey(f), true);
  return undefined;
}

/**
 * Cases per status under the same filter, without the status filter itself; undefined when more than
 * COUNT_LIMIT cases match a narrowing filter (see `countsQuery`).
 */
export async function countsByStatus(db: Db, f: InboxFilter): Promise<Counts | undefined> {
  if (await tooManyToCount(db, f)) return undefined;
  const { counts } = await countsQuery(db, f)
    .$if(searchesWords(f), (q) => q.modifyFront(PLAN_EACH_TIME))
    .executeTakeFirstOrThrow();
  return shownCounts(f, counts);
}

/**
 * A text search with at most COUNT_LIMIT matches, in one pass: the matches' ids, statuses and sort
 * keys are read once (instead of once for the page and once more for the counts); the counts and the
 * page come from them. Undefined when more match or nothing is on the page.
 */
export async function searchInOnePass(db: Db, f: InboxFilter): Promise<{ found: InboxRow[]; counts: Counts } | undefined> {
  const column = f.sort === 'due' ? 'due_at' : 'submitted_at';
  const key = sql.ref(`m.${column}`);
  const direction = sql.raw(f.sort === 'newest' ? 'desc' : 'asc');
  const matches = db
    .selectFrom('applications as a')
    // Every column the page shows: the matches' rows are read once, not once more for the page.
    .select(['a.id', 'a.reference', 'a.applicant_name', 'a.service_id', 'a.assignee_id', 'a.case_status', 'a.submitted_at', 'a.due_at'])
    .where((eb) => conditions(db, { ...f, status: undefined })(on(eb)))
    .limit(COUNT_LIMIT + 1);
  const status = f.status ? sql`m.case_status = ${f.status}` : sql`true`;
  const cursorKey = f.after ? sql`${f.after.key}::timestamptz` : undefined;
  const before = f.sort === 'newest' ? sql.raw('<') : sql.raw('>');
  const cursor = f.after && cursorKey ? sql`(${key} ${before} ${cursorKey} OR (${key} = ${cursorKey} AND m.id ${before} ${f.after.id}::uuid))` : sql`true`;
  const { rows } = await sql<PageRow & { counts: Counts; total: number }>`
    WITH m AS MATERIALIZED (${matches}),
    p AS (SELECT * FROM m WHERE ${status} AND ${cursor} ORDER BY ${key} ${direction}, m.id ${direction} LIMIT ${f.limit})
    SELECT p.id, p.reference, p.applicant_name, s.title, p.case_status, p.submitted_at, p.due_at, u.name,
           ${sql.ref(`p.${column}`)}::text AS sort_key,
           (SELECT count(*) FROM m) AS total,
           (SELECT coalesce(jsonb_object_agg(g.case_status, g.n), '{}') FROM (SELECT coalesce(case_status, 'eingegangen') AS case_status, count(*) AS n FROM m GROUP BY 1) g) AS counts
    FROM p
    LEFT JOIN services s ON s.id = p.service_id
    LEFT JOIN staff_users u ON u.id = p.assignee_id
    ORDER BY ${sql.ref(`p.${column}`)} ${direction}, p.id ${direction}
  `.execute(db);
  const first = rows[0];
  if (first && first.total > COUNT_LIMIT) overLimit.set(countKey(f), true);
  if (!first || first.total > COUNT_LIMIT) return undefined;
  return { found: rows.map(toInboxRow), counts: first.counts };
}

/**
 * One page of the inbox and the counts per status (undefined: too many to count). A text search with
 * few matches reads them once for both; otherwise the counts ride along with the page's query as a
 * subquery (one statement, one round trip), and only an empty page asks for them apart. Too many to
 * count (by the estimate or a recent count): the page alone.
 */
export async function inboxWithCounts(db: Db, f: InboxFilter): Promise<{ found: InboxRow[]; counts?: Counts }> {
  const frequent = await isFrequent(db, f);
  const key = countKey(f);
  if (searchesWords(f) && !frequent && !overLimit.peek(key)) {
    const onePass = await searchInOnePass(db, f);
    if (onePass) return onePass;
  }
  if (frequent || overLimit.peek(key)) return { found: await inbox(db, f, frequent ? 'frequent' : 'indexed') };
  const rows = await pageQuery(db, f).select(countsQuery(db, f).as('counts')).execute();
  const first = rows[0];
  if (!first) return { found: [], counts: await countsByStatus(db, f) };
  return { found: rows.map(toInboxRow), counts: shownCounts(f, first.counts as Counts) };
}
