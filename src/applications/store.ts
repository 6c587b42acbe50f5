// Every SQL statement of the applications module.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Answers } from '../forms/index.ts';
import type { CaseStatus, Database, OnBehalfOf } from '../platform/db/schema.ts';
import { enqueue } from '../platform/jobs/index.ts';

type Db = Kysely<Database>;

export const RECEIPT_JOB = 'application.receipt';

export interface ApplicationRecord {
  id: string;
  formId: string;
  formVersion: number;
  status: 'draft' | 'submitted';
  answers: Answers;
  accessHash: string;
  email: string | null;
  lang: 'de' | 'en';
  reference: string | null;
  expiresAt: Date | null;
  submittedAt: Date | null;
  receiptKey: string | null;
  receiptSha256: string | null;
  /** The citizen account the application belongs to, if it was made while signed in or claimed. */
  accountId: string | null;
  onBehalfOf: OnBehalfOf | null;
  /** Fields filled in from the eID identity. */
  prefilled: string[];
}

const COLUMNS = [
  'id',
  'form_id',
  'form_version',
  'status',
  'answers',
  'access_hash',
  'email',
  'lang',
  'reference',
  'expires_at',
  'submitted_at',
  'receipt_key',
  'receipt_sha256',
  'account_id',
  'on_behalf_of',
  'prefilled',
] as const;

type Row = Selectable<Pick<Database['applications'], (typeof COLUMNS)[number]>>;

function toRecord(r: Row): ApplicationRecord {
  return {
    id: r.id,
    formId: r.form_id,
    formVersion: r.form_version,
    status: r.status,
    answers: (r.answers ?? {}) as Answers,
    accessHash: r.access_hash,
    email: r.email,
    lang: r.lang,
    reference: r.reference,
    expiresAt: r.expires_at,
    submittedAt: r.submitted_at,
    receiptKey: r.receipt_key,
    receiptSha256: r.receipt_sha256,
    accountId: r.account_id,
    onBehalfOf: r.on_behalf_of,
    prefilled: r.prefilled ?? [],
  };
}

export async function createDraft(
  db: Db,
  draft: {
    formId: string;
    formVersion: number;
    accessHash: string;
    lang: 'de' | 'en';
    expiresAt: Date;
    accountId?: string;
    onBehalfOf?: OnBehalfOf;
    answers?: Answers;
    prefilled?: string[];
  },
): Promise<string> {
  const row = await db
    .insertInto('applications')
    .values({
      form_id: draft.formId,
      form_version: draft.formVersion,
      status: 'draft',
      access_hash: draft.accessHash,
      lang: draft.lang,
      expires_at: draft.expiresAt,
      account_id: draft.accountId ?? null,
      on_behalf_of: draft.onBehalfOf ? JSON.stringify(draft.onBehalfOf) : null,
      answers: JSON.stringify(draft.answers ?? {}),
      prefilled: JSON.stringify(draft.prefilled ?? []),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRecord | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
  const row = await db.selectFrom('applications').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Saves a draft's answers and moves its expiry; a submitted application is never changed. */
export async function saveAnswers(db: Db, id: string, answers: Answers, expiresAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set({ answers: JSON.stringify(answers), expires_at: expiresAt, expiry_warned_at: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setDraftContact(db: Db, id: string, email: string, lang: 'de' | 'en'): Promise<void> {
  await db.updateTable('applications').set({ email, lang, updated_at: sql`now()` }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export type SubmitOutcome = { kind: 'submitted'; reference: string } | { kind: 'already'; reference: string } | { kind: 'missing' };

/** What a submission's transaction tells others, so that their writes commit with it or not at all. */
export type SubmittedHook = (trx: Transaction<Database>, submitted: { id: string; formId: string; answers: Answers }) => Promise<void>;

/**
 * Turns a draft into an application with a reference number (`MST-2026-000123`: the municipality's
 * prefix, the year of submission, a number of at least six digits unique across years) and queues its
 * receipt, in one transaction: once this returns, the submission survives a crash. Submitting twice
 * is harmless: the second submit waits for the first one's row lock and then finds nothing to change.
 */
export async function submitDraft(
  db: Db,
  draft: { id: string; formId: string; answers: Answers },
  reference: { prefix: string; year: number },
  { email, applicantName = '' }: { email: string | null; applicantName?: string },
  onSubmitted?: SubmittedHook,
): Promise<SubmitOutcome> {
  const { id } = draft;
  return db.transaction().execute(async (trx) => {
    // The row lock, the number, the back office's view (the form's service, its processing deadline,
    // who applied) and the first event in one statement: a submission holds its locks briefly.
    const { rows } = await sql<{ reference: string }>`
      WITH n AS MATERIALIZED (SELECT nextval('application_reference_seq')::text AS n),
      submitted AS (
        UPDATE applications AS a
        SET status = 'submitted',
            reference = ${reference.prefix} || '-' || ${String(reference.year)} || '-' || lpad(n.n, greatest(6, length(n.n)), '0'),
            submitted_at = now(), expires_at = NULL, email = coalesce(${email}, a.email), updated_at = now(),
            case_status = 'eingegangen', applicant_name = ${applicantName.slice(0, 200)},
            service_id = (SELECT f.service_id FROM forms f WHERE f.id = a.form_id),
            due_at = now() + make_interval(days => coalesce((SELECT s.processing_days FROM forms f JOIN services s ON s.id = f.service_id WHERE f.id = a.form_id), 14))
        FROM n
        WHERE a.id = ${id} AND NOT (a.status = 'submitted' AND a.reference IS NOT NULL)
        RETURNING a.id, a.reference
      ), event AS (
        INSERT INTO application_events (application_id, status) SELECT id, 'eingegangen' FROM submitted
      )
      SELECT reference FROM submitted
    `.execute(trx);
    const done = rows[0];
    if (!done) {
      const row = await trx.selectFrom('applications').select('reference').where('id', '=', id).executeTakeFirst();
      return row?.reference ? { kind: 'already', reference: row.reference } : { kind: 'missing' };
    }
    await enqueue(trx, RECEIPT_JOB, { applicationId: id });
    await onSubmitted?.(trx, draft);
    return { kind: 'submitted', reference: done.reference };
  });
}

export async function setReceipt(db: Db, id: string, key: string, sha256: string): Promise<void> {
  await db.updateTable('applications').set({ receipt_key: key, receipt_sha256: sha256, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export interface UploadRecord {
  id: string;
  fieldPath: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export async function insertUpload(db: Db, applicationId: string, upload: UploadRecord): Promise<void> {
  await db
    .insertInto('uploads')
    .values({
      id: upload.id,
      application_id: applicationId,
      field_path: upload.fieldPath,
      filename: upload.filename,
      media_type: upload.mediaType,
      size_bytes: upload.sizeBytes,
      sha256: upload.sha256,
      storage_key: upload.storageKey,
    })
    .execute();
}

export async function uploadsOf(db: Db, applicationId: string): Promise<UploadRecord[]> {
  const rows = await db.selectFrom('uploads').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    fieldPath: r.field_path,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storageKey: r.storage_key,
  }));
}

export async function deleteUpload(db: Db, applicationId: string, uploadId: string): Promise<string | undefined> {
  const row = await db.deleteFrom('uploads').where('application_id', '=', applicationId).where('id', '=', uploadId).returning('storage_key').executeTakeFirst();
  return row?.storage_key;
}

/** Drafts past their expiry, with the storage keys of their uploads, to delete. */
export async function expiredDrafts(db: Db, limit: number): Promise<{ id: string; keys: string[] }[]> {
  const rows = await db
    .selectFrom('applications')
    .leftJoin('uploads', 'uploads.application_id', 'applications.id')
    .select(['applications.id', 'uploads.storage_key'])
    .where('applications.status', '=', 'draft')
    .where('applications.expires_at', '<', new Date())
    .limit(limit)
    .execute();
  const byId = new Map<string, string[]>();
  for (const r of rows) {
    const keys = byId.get(r.id) ?? [];
    if (r.storage_key) keys.push(r.storage_key);
    byId.set(r.id, keys);
  }
  return [...byId].map(([id, keys]) => ({ id, keys }));
}

export async function deleteApplications(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('applications').where('id', 'in', ids).where('status', '=', 'draft').execute();
}

/** Drafts with an e-mail address that expire within `days` and have not been warned yet; marks them. */
export async function takeDraftsToWarn(db: Db, days: number, limit: number) {
  return db
    .updateTable('applications')
    .set({ expiry_warned_at: sql`now()` })
    .where(
      'id',
      'in',
      db
        .selectFrom('applications')
        .select('id')
        .where('status', '=', 'draft')
        .where('email', 'is not', null)
        .where('expiry_warned_at', 'is', null)
        .where('expires_at', '<', new Date(Date.now() + days * 86_400_000))
        .where('expires_at', '>', new Date())
        .limit(limit),
    )
    .returning(['id', 'form_id', 'email', 'lang', 'expires_at'])
    .execute();
}

/** Links an application to an account, unless it belongs to one already. */
export async function attachToAccount(db: Db, id: string, accountId: string): Promise<boolean> {
  const result = await db.updateTable('applications').set({ account_id: accountId }).where('id', '=', id).where('account_id', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface OwnedSummary {
  id: string;
  formId: string;
  formVersion: number;
  reference: string | null;
  status: 'draft' | CaseStatus;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  expiresAt: Date | null;
}

/** The account's applications, newest change first; an expired draft is no longer listed. */
export async function applicationsOf(db: Db, accountId: string): Promise<OwnedSummary[]> {
  const rows = await db
    .selectFrom('applications as a')
    .select(['a.id', 'a.form_id', 'a.form_version', 'a.reference', 'a.status', 'a.created_at', 'a.updated_at', 'a.submitted_at', 'a.expires_at'])
    .select((eb) =>
      eb.selectFrom('application_events as e').select('e.status').whereRef('e.application_id', '=', 'a.id').orderBy('e.id', 'desc').limit(1).as('case_status'),
    )
    .where('a.account_id', '=', accountId)
    .where((e) => e.or([e('a.status', '=', 'submitted'), e('a.expires_at', '>', new Date())]))
    .orderBy('a.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    formId: r.form_id,
    formVersion: r.form_version,
    reference: r.reference,
    status: r.status === 'draft' ? 'draft' : (r.case_status ?? 'eingegangen'),
    createdAt: r.created_at,
    updatedAt: r.updated_at as Date,
    submittedAt: r.submitted_at,
    expiresAt: r.expires_at,
  }));
}

export async function countApplicationsOf(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where((e) => e.or([e('status', '=', 'submitted'), e('expires_at', '>', new Date())]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function eventsOf(db: Db, id: string): Promise<{ status: CaseStatus; note: string; at: Date }[]> {
  const rows = await db.selectFrom('application_events').select(['status', 'note', 'created_at']).where('application_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({ status: r.status, note: r.note, at: r.created_at }));
}

/** A new step in a submitted application's life (the back office calls this). */
export async function recordStatus(db: Db, id: string, status: CaseStatus, note = ''): Promise<void> {
  await db.insertInto('application_events').values({ application_id: id, status, note }).execute();
  await db.updateTable('applications').set({ case_status: status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** A submitted application without an account, by its reference and the e-mail address given with it. */
export async function findClaimable(db: Db, reference: string, email: string): Promise<{ id: string; email: string } | undefined> {
  const row = await db
    .selectFrom('applications')
    .select(['id', 'email'])
    .where('reference', '=', reference)
    .where('status', '=', 'submitted')
    .where('account_id', 'is', null)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.email ? { id: row.id, email: row.email } : undefined;
}

/** The form's service is archived: no new applications (drafts begun before may still be sent). */
export async function serviceWithdrawn(db: Db, formId: string): Promise<boolean> {
  const row = await db
    .selectFrom('forms as f')
    .innerJoin('services as s', 's.id', 'f.service_id')
    .select('s.id')
    .where('f.id', '=', formId)
    .where('s.status', '=', 'archived')
    .executeTakeFirst();
  return row !== undefined;
}
