// The editorial workflow's writes: a new service, drafts with their lock, the steps of the review,
// and writing an approved version into the live record (services, its offices, Lebenslagen, form link).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { mayApprove, type ServiceContent } from './editorial.ts';
import type { ServiceStatus } from './types.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The live record as a version's content. */
export async function liveContent(
  db: Db | Trx,
  serviceId: string,
): Promise<{ slug: string; status: ServiceStatus; lastReviewed: string | null; content: ServiceContent } | undefined> {
  const s = await db.selectFrom('services').selectAll().where('id', '=', serviceId).where('federation_source', 'is', null).executeTakeFirst();
  if (!s) return undefined;
  const [offices, lebenslagen, form] = await Promise.all([
    db.selectFrom('service_organisations').select('organisation_id').where('service_id', '=', serviceId).execute(),
    db.selectFrom('service_lebenslagen').select('lebenslage_id').where('service_id', '=', serviceId).orderBy('lebenslage_id').execute(),
    db.selectFrom('forms').select('id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirst(),
  ]);
  const external = s.online_service_url && !s.online_service_url.startsWith('/antrag/') ? s.online_service_url : null;
  return {
    slug: s.slug,
    status: s.status,
    lastReviewed: s.last_reviewed,
    content: {
      title: s.title,
      titleEn: s.title_en,
      summary: s.summary,
      description: s.description,
      prerequisites: s.prerequisites,
      requiredDocuments: s.required_documents,
      feeCents: s.fee_cents,
      feeText: s.fee_text,
      processingTime: s.processing_time,
      deadlines: s.deadlines,
      legalBasis: s.legal_basis,
      organisationId: s.organisation_id,
      handlingOrganisationIds: offices.map((o) => o.organisation_id).filter((id) => id !== s.organisation_id),
      formId: form && !external ? form.id : null,
      onlineServiceUrl: external,
      leikaKey: s.leika_key,
      ozgId: s.ozg_id,
      lebenslageIds: lebenslagen.map((l) => l.lebenslage_id),
      keywords: s.keywords,
    },
  };
}

/** The live record's columns for a version's content. */
const columnsOf = (c: ServiceContent) => ({
  title: c.title,
  title_en: c.titleEn,
  summary: c.summary,
  description: c.description,
  prerequisites: c.prerequisites,
  required_documents: c.requiredDocuments,
  fee_cents: c.feeCents,
  fee_text: c.feeText,
  processing_time: c.processingTime,
  deadlines: c.deadlines,
  legal_basis: c.legalBasis,
  organisation_id: c.organisationId,
  online_service_url: c.formId ? `/antrag/${c.formId}` : c.onlineServiceUrl,
  leika_key: c.leikaKey,
  ozg_id: c.ozgId,
  keywords: c.keywords,
});

/** Publishes content: the live record with its offices, Lebenslagen and linked form; reviewed today. */
async function publishContent(trx: Trx, serviceId: string, c: ServiceContent): Promise<void> {
  await trx
    .updateTable('services')
    .set({ ...columnsOf(c), status: 'published', last_reviewed: sql<string>`current_date`, updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
  const offices = [c.organisationId, ...c.handlingOrganisationIds].filter((id): id is string => Boolean(id));
  await trx
    .deleteFrom('service_organisations')
    .where('service_id', '=', serviceId)
    .$if(offices.length > 0, (q) => q.where('organisation_id', 'not in', offices))
    .execute();
  if (offices.length > 0) {
    await trx
      .insertInto('service_organisations')
      .values(offices.map((organisation_id) => ({ service_id: serviceId, organisation_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await trx.deleteFrom('service_lebenslagen').where('service_id', '=', serviceId).execute();
  if (c.lebenslageIds.length > 0) {
    await trx
      .insertInto('service_lebenslagen')
      .values(c.lebenslageIds.map((lebenslage_id) => ({ service_id: serviceId, lebenslage_id })))
      .execute();
  }
  await trx
    .updateTable('forms')
    .set({ service_id: null, updated_at: sql`now()` })
    .where('service_id', '=', serviceId)
    .$if(c.formId !== null, (q) => q.where('id', '<>', c.formId as string))
    .execute();
  if (c.formId) await trx.updateTable('forms').set({ service_id: serviceId, updated_at: sql`now()` }).where('id', '=', c.formId).execute();
}

const json = (value: unknown) => JSON.stringify(value);
/** The version's editors with this one last (once). */
const withEditor = (staffId: string) => sql<string[]>`array_append(array_remove(editor_ids, ${staffId}::uuid), ${staffId}::uuid)`;

/** A new service, never published: the live record as a draft (seen by nobody) and its first version. Null if the slug is taken. */
export async function createService(db: Db, slug: string, content: ServiceContent, staffId: string): Promise<string | null> {
  const taken = await db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) return null;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('services')
      .values({ slug, ...columnsOf(content), status: 'draft', last_reviewed: null })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    const { id } = row;
    // Offices, Lebenslagen and the form link follow at the approval, with the rest of a version.
    await trx
      .insertInto('service_versions')
      .values({ service_id: id, number: 1, content: json(content), base: null, editor_ids: [staffId] })
      .execute();
    return id;
  });
}

export type SaveResult = { ok: true; number: number } | { ok: false; reason: 'conflict' | 'in-review' | 'not-found' };

/**
 * Saves the service's draft: the open one if `lock` is the one read with it, or a new version from
 * what is live. Another editor's save in between, or a version waiting for review, refuses it.
 */
export async function saveDraft(db: Db, serviceId: string, content: ServiceContent, staffId: string, lock: number | null): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    // One save of a service at a time: the second sees the first's version and its lock.
    await trx.selectFrom('services').select('id').where('id', '=', serviceId).forUpdate().execute();
    const live = await liveContent(trx, serviceId);
    if (!live) return { ok: false, reason: 'not-found' } as const;
    const open = await trx
      .selectFrom('service_versions')
      .select(['id', 'number', 'state', 'lock_version'])
      .where('service_id', '=', serviceId)
      .where('state', '<>', 'published')
      .forUpdate()
      .executeTakeFirst();
    if (open?.state === 'review') return { ok: false, reason: 'in-review' } as const;
    if (open) {
      if (open.lock_version !== lock) return { ok: false, reason: 'conflict' } as const;
      await trx
        .updateTable('service_versions')
        .set({
          content: json(content),
          lock_version: sql`lock_version + 1`,
          editor_ids: withEditor(staffId),
          updated_at: sql`now()`,
        })
        .where('id', '=', open.id)
        .execute();
      return { ok: true, number: open.number } as const;
    }
    if (lock !== null) return { ok: false, reason: 'conflict' } as const;
    const { n } = await trx
      .selectFrom('service_versions')
      .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
      .where('service_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    const { number } = await trx
      .insertInto('service_versions')
      .values({
        service_id: serviceId,
        number: Number(n),
        content: json(content),
        base: live.status === 'draft' ? null : json(live.content),
        editor_ids: [staffId],
      })
      .returning('number')
      .executeTakeFirstOrThrow();
    return { ok: true, number } as const;
  });
}

async function addReview(trx: Db | Trx, versionId: string, staffId: string, decision: 'submitted' | 'returned' | 'approved', comment: string) {
  await trx.insertInto('service_reviews').values({ version_id: versionId, staff_id: staffId, decision, comment }).execute();
}

/** Moves the open version from one state to the next and records the step of the review; its number, or undefined. */
async function reviewStep(
  db: Db,
  serviceId: string,
  from: 'draft' | 'review',
  to: { state: 'draft' | 'review'; editor?: string; newLock?: boolean },
  review: { staffId: string; decision: 'submitted' | 'returned'; comment: string },
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('service_versions')
      .set({
        state: to.state,
        ...(to.editor ? { editor_ids: withEditor(to.editor) } : {}),
        ...(to.newLock ? { lock_version: sql`lock_version + 1` } : {}),
        updated_at: sql`now()`,
      })
      .where('service_id', '=', serviceId)
      .where('state', '=', from)
      .returning(['id', 'number'])
      .executeTakeFirst();
    if (row) await addReview(trx, row.id, review.staffId, review.decision, review.comment);
    return row?.number;
  });
}

/** Entwurf → in Prüfung; the sender counts as an editor of the version. */
export const submitForReview = (db: Db, serviceId: string, staffId: string, note: string) =>
  reviewStep(db, serviceId, 'draft', { state: 'review', editor: staffId }, { staffId, decision: 'submitted', comment: note });

/** in Prüfung → Entwurf, with the reviewer's comment for the editors (a new lock: the form reads it again). */
export const returnToDraft = (db: Db, serviceId: string, staffId: string, comment: string) =>
  reviewStep(db, serviceId, 'review', { state: 'draft', newLock: true }, { staffId, decision: 'returned', comment });

export type ApproveResult = { ok: true; number: number } | { ok: false; reason: 'not-in-review' | 'four-eyes' };

/** in Prüfung → veröffentlicht: the version becomes the live record; "last reviewed" is today. */
export async function approve(db: Db, serviceId: string, staff: { id: string; roles: string[] }, comment: string): Promise<ApproveResult> {
  return db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom('service_versions')
      .select(['id', 'number', 'content', 'editor_ids'])
      .where('service_id', '=', serviceId)
      .where('state', '=', 'review')
      .forUpdate()
      .executeTakeFirst();
    if (!version) return { ok: false, reason: 'not-in-review' } as const;
    if (!mayApprove(version.editor_ids, staff)) return { ok: false, reason: 'four-eyes' } as const;
    await publishContent(trx, serviceId, version.content as ServiceContent);
    await trx
      .updateTable('service_versions')
      .set({ state: 'published', approved_by: staff.id, published_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', version.id)
      .execute();
    await addReview(trx, version.id, staff.id, 'approved', comment);
    return { ok: true, number: version.number } as const;
  });
}

/** Drops the open draft (never one in review); the live record stays as it is. */
export async function discardDraft(db: Db, serviceId: string): Promise<number | undefined> {
  const row = await db.deleteFrom('service_versions').where('service_id', '=', serviceId).where('state', '=', 'draft').returning('number').executeTakeFirst();
  return row?.number;
}

/** veröffentlicht → archiviert: withdrawn from the portal, the feed and new applications' search. */
export async function archiveService(db: Db, serviceId: string): Promise<boolean> {
  const row = await db
    .updateTable('services')
    .set({ status: 'archived', updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .where('status', '=', 'published')
    .where('federation_source', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The texts were checked and are still right: "last reviewed" becomes today without a new version. */
export async function confirmReviewed(db: Db, serviceId: string): Promise<boolean> {
  const row = await db
    .updateTable('services')
    .set({ last_reviewed: sql<string>`current_date` })
    .where('id', '=', serviceId)
    .where('status', '=', 'published')
    .where('federation_source', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
