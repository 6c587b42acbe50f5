// Every SQL statement about one case: the case with its history, notes, files and requests for
// documents, assignment and status changes; and the services and colleagues of a set of offices.
// Visibility is part of every query: a case is seen only through the services of the staff member's
// Organisationseinheiten.
import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CaseStatus, Database } from '../../platform/db/schema.ts';

type Db = Kysely<Database>;

/** The services the Organisationseinheiten handle; the inbox and every case query go through these. */
export const visibleServices = (db: Db, organisationIds: string[]) =>
  db
    .selectFrom('service_organisations')
    .select('service_id')
    .where('organisation_id', 'in', organisationIds.length > 0 ? organisationIds : ['00000000-0000-0000-0000-000000000000']);

export const servicesOf = (db: Db, organisationIds: string[]) =>
  db.selectFrom('services').select(['id', 'title']).where('id', 'in', visibleServices(db, organisationIds)).orderBy('title').execute();

/** Staff of the given Organisationseinheiten, to assign cases to. */
export const colleaguesOf = (db: Db, organisationIds: string[]) =>
  db
    .selectFrom('staff_users as u')
    .innerJoin('staff_memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('m.organisation_id', 'in', organisationIds.length > 0 ? organisationIds : ['00000000-0000-0000-0000-000000000000'])
    .where('u.active', '=', true)
    .orderBy('u.name')
    .execute();

/** One case, if the staff member's Organisationseinheiten handle its service. */
export async function findCase(db: Db, id: string, organisationIds: string[]) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return db
    .selectFrom('applications as a')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('staff_users as u', 'u.id', 'a.assignee_id')
    .select([
      'a.id',
      'a.form_id',
      'a.form_version',
      'a.reference',
      'a.answers',
      'a.applicant_name',
      'a.email',
      'a.on_behalf_of',
      'a.account_id',
      'a.case_status',
      'a.submitted_at',
      'a.due_at',
      'a.assignee_id',
      'a.receipt_key',
      'a.service_id',
      's.title as service_title',
      's.workflow',
      's.notice_to_postbox',
      'u.name as assignee_name',
    ])
    .where('a.id', '=', id)
    .where('a.status', '=', 'submitted')
    .where('a.service_id', 'in', visibleServices(db, organisationIds))
    .executeTakeFirst();
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof findCase>>>;

const historyQuery = (db: Db, id: string) =>
  db
    .selectFrom('application_events as e')
    .leftJoin('staff_users as u', 'u.id', 'e.actor_id')
    .select(['e.status', 'e.note', 'e.created_at', 'u.name'])
    .where('e.application_id', '=', id)
    .orderBy('e.id');

const notesQuery = (db: Db, id: string) =>
  db
    .selectFrom('case_notes as n')
    .leftJoin('staff_users as u', 'u.id', 'n.author_id')
    .select(['n.body', 'n.created_at', 'u.name'])
    .where('n.application_id', '=', id)
    .orderBy('n.created_at');

export const historyOf = (db: Db, id: string) => historyQuery(db, id).execute();

export const notesOf = (db: Db, id: string) => notesQuery(db, id).execute();

export const addNote = (db: Db, id: string, authorId: string, body: string) =>
  db.insertInto('case_notes').values({ application_id: id, author_id: authorId, body }).execute();

export const assign = (db: Db, id: string, assigneeId: string | null) =>
  db.updateTable('applications').set({ assignee_id: assigneeId, updated_at: sql`now()` }).where('id', '=', id).execute();

/** Moves a case on, if it still is in `from` (two case workers at once: the second one is told). */
export async function transition(db: Db, id: string, from: CaseStatus, to: CaseStatus, actorId: string, note: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('applications')
      .set({ case_status: to, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('case_status', '=', from)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await trx.insertInto('application_events').values({ application_id: id, status: to, note, actor_id: actorId }).execute();
    return true;
  });
}

const requiredDocumentsQuery = (db: Db, serviceId: string | null) =>
  db
    .selectFrom('services')
    .select('required_documents')
    .where('id', '=', serviceId ?? '00000000-0000-0000-0000-000000000000');

/** The documents a service lists as required (to pick from when asking for missing ones). */
export const requiredDocumentsOf = async (db: Db, serviceId: string | null) =>
  (await requiredDocumentsQuery(db, serviceId).executeTakeFirst())?.required_documents ?? [];

/** The case's requests for documents, with whether the citizen answered. */
const requestsQuery = (db: Db, id: string) =>
  db
    .selectFrom('messages as m')
    .select(['m.id', 'm.created_at', 'm.due_at'])
    .select((eb) => eb.exists(eb.selectFrom('messages as r').select('r.id').whereRef('r.reply_to', '=', 'm.id')).as('answered'))
    .where('m.application_id', '=', id)
    .where('m.kind', '=', 'nachforderung')
    .orderBy('m.created_at');

// Timestamps inside JSON arrive as text.
const at = (value: Date | string) => new Date(value);
const atOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * Everything the case page lists besides the case itself, in one statement (a round trip each was
 * most of the page's cost): files, history, notes, requests for documents and the documents the
 * service lists as required.
 */
export async function caseDetails(db: Db, id: string, serviceId: string | null) {
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(eb.selectFrom('uploads').select(['id', 'filename', 'size_bytes', 'media_type']).where('application_id', '=', id).orderBy('created_at')).as(
        'uploads',
      ),
      jsonArrayFrom(historyQuery(db, id)).as('history'),
      jsonArrayFrom(notesQuery(db, id)).as('notes'),
      jsonArrayFrom(requestsQuery(db, id)).as('requests'),
      requiredDocumentsQuery(db, serviceId).as('required_documents'),
    ])
    .executeTakeFirstOrThrow();
  return {
    uploads: row.uploads,
    history: row.history.map((h) => ({ ...h, created_at: at(h.created_at) })),
    notes: row.notes.map((n) => ({ ...n, created_at: at(n.created_at) })),
    requests: row.requests.map((r) => ({ ...r, created_at: at(r.created_at), due_at: atOrNull(r.due_at) })),
    requiredDocuments: row.required_documents ?? [],
  };
}
