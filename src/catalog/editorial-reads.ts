// The editorial workflow's reads: the choices of the editor's form, catalogue facts for a typed key,
// the services with their editorial state, a service's versions with their review.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { type EditorialNames, type EditorialState, editorialState, type ServiceContent } from './editorial.ts';

type Db = Kysely<Database>;

export interface EditorialChoices {
  names: EditorialNames;
  organisations: { id: string; name: string }[];
  /** Forms with the service they are linked to (null: free to link). */
  forms: { id: string; title: string; serviceId: string | null }[];
  lebenslagen: { id: number; name: string; themenfeld: string }[];
}

export async function editorialChoices(db: Db): Promise<EditorialChoices> {
  const [organisations, forms, lebenslagen] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('forms').select(['id', 'title', 'service_id as serviceId']).orderBy('title').execute(),
    db
      .selectFrom('lebenslagen as l')
      .innerJoin('themenfelder as t', 't.id', 'l.themenfeld_id')
      .select(['l.id', 'l.name', 't.name as themenfeld'])
      .orderBy('t.name')
      .orderBy('l.name')
      .execute(),
  ]);
  return {
    names: {
      organisations: new Map(organisations.map((o) => [o.id, o.name])),
      forms: new Map(forms.map((f) => [f.id, f.title])),
      lebenslagen: new Map(lebenslagen.map((l) => [l.id, l.name])),
    },
    organisations,
    forms,
    lebenslagen,
  };
}

/** What the typed LeiKa key and OZG-ID are in the federal catalogue. */
export async function catalogFacts(db: Db, leikaKey: string, ozgId: string) {
  const [leika, ozg] = await Promise.all([
    /^99\d{12}$/.test(leikaKey) ? db.selectFrom('leika_leistungen').select('ozg_id').where('leistungsschluessel', '=', leikaKey).executeTakeFirst() : undefined,
    /^\d{1,6}$/.test(ozgId) ? db.selectFrom('ozg_leistungen').select('ozg_id').where('ozg_id', '=', Number(ozgId)).executeTakeFirst() : undefined,
  ]);
  return { leikaOzgId: leika ? leika.ozg_id : undefined, ozgKnown: ozg !== undefined };
}

export interface EditorialListItem {
  id: string;
  slug: string;
  title: string;
  state: EditorialState;
  /** The live record is published while a new version is open. */
  livePublished: boolean;
  lastReviewed: string | null;
  changedAt: Date;
}

/** The municipality's own services with their editorial state, optionally one state only. */
export async function editorialList(db: Db, state?: EditorialState): Promise<EditorialListItem[]> {
  const rows = await db
    .selectFrom('services as s')
    .leftJoin('service_versions as v', (join) => join.onRef('v.service_id', '=', 's.id').on('v.state', '<>', 'published'))
    .select([
      's.id',
      's.slug',
      sql<string>`coalesce(v.content->>'title', s.title)`.as('title'),
      's.status',
      'v.state as open',
      's.last_reviewed',
      sql<Date>`greatest(s.updated_at, v.updated_at)`.as('changed_at'),
    ])
    .where('s.federation_source', 'is', null)
    .$if(state === 'draft' || state === 'review', (q) => q.where('v.state', '=', state as 'draft' | 'review'))
    .$if(state === 'published' || state === 'archived', (q) => q.where('s.status', '=', state as 'published' | 'archived').where('v.state', 'is', null))
    .orderBy(sql`coalesce(v.content->>'title', s.title)`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    state: editorialState(r.status, r.open as 'draft' | 'review' | null),
    livePublished: r.status === 'published',
    lastReviewed: r.last_reviewed,
    changedAt: new Date(r.changed_at),
  }));
}

export interface VersionSummary {
  id: string;
  number: number;
  state: 'draft' | 'review' | 'published';
  content: ServiceContent;
  base: ServiceContent | null;
  editorIds: string[];
  editors: string[];
  lock: number;
  approvedBy: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  reviews: { decision: 'submitted' | 'returned' | 'approved'; staff: string | null; comment: string; at: Date }[];
}

/** A service's versions, newest first, with who edited and approved them and the review's comments. */
export async function versionsOf(db: Db, serviceId: string): Promise<VersionSummary[]> {
  const [versions, reviews] = await Promise.all([
    db
      .selectFrom('service_versions as v')
      .leftJoin('staff_users as a', 'a.id', 'v.approved_by')
      .select([
        'v.id',
        'v.number',
        'v.state',
        'v.content',
        'v.base',
        'v.editor_ids',
        'v.lock_version',
        'a.name as approver',
        'v.published_at',
        'v.updated_at',
        sql<string[]>`ARRAY(SELECT u.name FROM unnest(v.editor_ids) WITH ORDINALITY e(id, n) JOIN staff_users u ON u.id = e.id ORDER BY e.n)`.as('editors'),
      ])
      .where('v.service_id', '=', serviceId)
      .orderBy('v.number', 'desc')
      .execute(),
    db
      .selectFrom('service_reviews as r')
      .innerJoin('service_versions as v', 'v.id', 'r.version_id')
      .leftJoin('staff_users as u', 'u.id', 'r.staff_id')
      .select(['r.version_id', 'r.decision', 'u.name', 'r.comment', 'r.created_at'])
      .where('v.service_id', '=', serviceId)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
  ]);
  return versions.map((v) => ({
    id: v.id,
    number: v.number,
    state: v.state,
    content: v.content as ServiceContent,
    base: (v.base as ServiceContent | null) ?? null,
    editorIds: v.editor_ids,
    editors: v.editors,
    lock: v.lock_version,
    approvedBy: v.approver,
    publishedAt: v.published_at,
    updatedAt: new Date(v.updated_at),
    reviews: reviews.filter((r) => r.version_id === v.id).map((r) => ({ decision: r.decision, staff: r.name, comment: r.comment, at: new Date(r.created_at) })),
  }));
}
