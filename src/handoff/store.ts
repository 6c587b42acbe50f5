// Every SQL statement of the hand-off module: targets, the deliveries outbox, what a delivery sends.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Condition } from '../forms/index.ts';
import type { Database, DeliveryState, HandoffKind, HandoffTargetTable } from '../platform/db/schema.ts';
import { enqueue } from '../platform/jobs/index.ts';
import type { Target } from './targets.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const DELIVERY_JOB = 'handoff.deliver';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

function toTarget(row: Selectable<HandoffTargetTable>): Target {
  return {
    id: row.id,
    serviceId: row.service_id,
    kind: row.kind,
    name: row.name,
    condition: (row.condition as Condition | null) ?? null,
    settings: row.settings,
    secret: row.secret,
    active: row.active,
    integrationId: row.integration_id,
  } as Target;
}

/** The active targets of the service a form belongs to. */
export async function targetsOfForm(db: Db, formId: string): Promise<Target[]> {
  const rows = await db
    .selectFrom('handoff_targets as t')
    .innerJoin('forms as f', 'f.service_id', 't.service_id')
    .selectAll('t')
    .where('f.id', '=', formId)
    .where('t.active', '=', true)
    .execute();
  return rows.map(toTarget);
}

export async function findTarget(db: Db, id: string): Promise<Target | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('handoff_targets').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTarget(row) : undefined;
}

export interface TargetInput {
  serviceId: string;
  kind: HandoffKind;
  name: string;
  condition: Condition | null;
  settings: Record<string, unknown>;
  secret: string | null;
  integrationId: string | null;
}

export async function insertTarget(db: Db, input: TargetInput): Promise<string> {
  const row = await db
    .insertInto('handoff_targets')
    .values({
      service_id: input.serviceId,
      kind: input.kind,
      name: input.name,
      condition: input.condition ? JSON.stringify(input.condition) : null,
      settings: JSON.stringify(input.settings),
      secret: input.secret,
      integration_id: input.integrationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTarget(
  db: Db,
  id: string,
  change: { name?: string; condition?: Condition | null; settings?: Record<string, unknown>; secret?: string; active?: boolean },
): Promise<void> {
  await db
    .updateTable('handoff_targets')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.condition !== undefined ? { condition: change.condition ? JSON.stringify(change.condition) : null } : {}),
      ...(change.settings !== undefined ? { settings: JSON.stringify(change.settings) } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Writes one delivery per target in the submission's transaction (the outbox) and, for targets we
 * push to, the job that sends it. A pull target's delivery waits until its Fachverfahren collects it.
 */
export async function addDeliveries(trx: Transaction<Database>, applicationId: string, targets: Target[], maxAttempts: number): Promise<void> {
  if (targets.length === 0) return;
  const rows = await trx
    .insertInto('handoff_deliveries')
    .values(targets.map((t) => ({ application_id: applicationId, target_id: t.id, state: t.kind === 'pull' ? ('available' as const) : ('queued' as const) })))
    .returning(['id', 'state'])
    .execute();
  for (const row of rows) if (row.state === 'queued') await scheduleDelivery(trx, row.id, maxAttempts);
}

async function scheduleDelivery(db: Db, deliveryId: string, maxAttempts: number): Promise<void> {
  const jobId = await enqueue(db, DELIVERY_JOB, { deliveryId }, { maxAttempts });
  await db.updateTable('handoff_deliveries').set({ job_id: jobId }).where('id', '=', deliveryId).execute();
}

export interface DeliveryWork {
  id: string;
  state: DeliveryState;
  jobId: string | null;
  applicationId: string;
  /** What the target called it last time (a mail's outbox id, a FIT-Connect submission id). */
  remoteId: string | null;
  target: Target;
}

export async function deliveryWork(db: Db, id: string): Promise<DeliveryWork | undefined> {
  const row = await db
    .selectFrom('handoff_deliveries as d')
    .innerJoin('handoff_targets as t', 't.id', 'd.target_id')
    .selectAll('t')
    .select(['d.id as delivery_id', 'd.state', 'd.job_id', 'd.application_id', 'd.remote_id'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.delivery_id,
    state: row.state,
    jobId: row.job_id === null ? null : String(row.job_id),
    applicationId: row.application_id,
    remoteId: row.remote_id,
    target: toTarget(row),
  };
}

/** Records an attempt that failed; the last allowed one leaves the delivery failed (dead letter). */
export async function recordFailure(db: Db, id: string, attempts: number, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('handoff_deliveries')
    .set({ attempts, last_error: error.slice(0, 2000), last_attempt_at: sql`now()`, updated_at: sql`now()`, ...(final ? { state: 'failed' as const } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function recordRemoteId(db: Db, id: string, remoteId: string): Promise<void> {
  await db.updateTable('handoff_deliveries').set({ remote_id: remoteId }).where('id', '=', id).execute();
}

/** The target took it: delivered, whatever the admin did meanwhile (the receiver has it). */
export async function recordDelivered(db: Db, id: string, attempts: number, remoteId?: string): Promise<void> {
  await db
    .updateTable('handoff_deliveries')
    .set({
      state: 'delivered',
      attempts,
      delivered_at: sql`now()`,
      last_attempt_at: sql`now()`,
      last_error: null,
      remote_id: remoteId ?? null,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** A failed or cancelled delivery goes out again, with a fresh job and a fresh count of attempts. */
export async function retryDelivery(db: Kysely<Database>, id: string, maxAttempts: number): Promise<boolean> {
  if (!isUuid(id)) return false;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('handoff_deliveries')
      .set({ state: 'queued', attempts: 0, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('state', 'in', ['failed', 'cancelled'])
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await scheduleDelivery(trx, id, maxAttempts);
    return true;
  });
}

/** Stops a delivery that has not gone out; its job finds it cancelled and does nothing. */
export async function cancelDelivery(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const row = await db
    .updateTable('handoff_deliveries')
    .set({ state: 'cancelled', updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'failed'])
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface DeliveryRow {
  id: string;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  remoteId: string | null;
  createdAt: Date;
  /** created_at as the database writes it, for the keyset cursor. */
  key: string;
  applicationId: string;
  reference: string;
  targetId: string;
  targetName: string;
  targetKind: HandoffKind;
  serviceTitle: string;
}

export interface DeliveryFilter {
  state?: DeliveryState;
  targetId?: string;
  reference?: string;
  /** Keyset: rows created before this row (its created_at as the database writes it, its id). */
  before?: { key: string; id: string };
}

function deliveriesQuery(db: Db) {
  return db
    .selectFrom('handoff_deliveries as d')
    .innerJoin('handoff_targets as t', 't.id', 'd.target_id')
    .innerJoin('services as s', 's.id', 't.service_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .leftJoin('jobs as j', (join) => join.onRef('j.id', '=', 'd.job_id').on('j.status', '=', 'pending'))
    .select([
      'd.id',
      'd.state',
      'd.attempts',
      'd.last_error',
      'd.last_attempt_at',
      'd.delivered_at',
      'd.remote_id',
      'd.created_at',
      'd.application_id',
      'a.reference',
      't.id as target_id',
      't.name as target_name',
      't.kind as target_kind',
      's.title as service_title',
      'j.run_at as next_attempt_at',
      sql<string>`d.created_at::text`.as('created_key'),
    ]);
}

type DeliverySelection = Awaited<ReturnType<ReturnType<typeof deliveriesQuery>['executeTakeFirstOrThrow']>>;

const toDeliveryRow = (r: DeliverySelection): DeliveryRow => ({
  id: r.id,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  lastAttemptAt: r.last_attempt_at,
  deliveredAt: r.delivered_at,
  nextAttemptAt: r.state === 'queued' ? (r.next_attempt_at ?? null) : null,
  remoteId: r.remote_id,
  createdAt: r.created_at,
  key: r.created_key,
  applicationId: r.application_id,
  reference: r.reference ?? '',
  targetId: r.target_id,
  targetName: r.target_name,
  targetKind: r.target_kind,
  serviceTitle: r.service_title,
});

/** Deliveries newest first, a page at a time. */
export async function listDeliveries(db: Db, filter: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  let query = deliveriesQuery(db);
  if (filter.state) query = query.where('d.state', '=', filter.state);
  if (filter.targetId && isUuid(filter.targetId)) query = query.where('d.target_id', '=', filter.targetId);
  if (filter.reference) query = query.where('a.reference', '=', filter.reference);
  if (filter.before) {
    const { key, id } = filter.before;
    query = query.where(sql<boolean>`(d.created_at, d.id) < (${key}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
  return rows.map(toDeliveryRow);
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await deliveriesQuery(db).where('d.id', '=', id).executeTakeFirst();
  return row ? toDeliveryRow(row) : undefined;
}

/** Deliveries per state, for the filter's counts. */
export async function countDeliveries(db: Db): Promise<Partial<Record<DeliveryState, number>>> {
  const rows = await db
    .selectFrom('handoff_deliveries')
    .select(['state', sql<string>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export interface SubmittedApplication {
  id: string;
  reference: string;
  submittedAt: Date;
  formId: string;
  formVersion: number;
  answers: Record<string, unknown>;
  lang: 'de' | 'en';
  receiptKey: string | null;
  receiptSha256: string | null;
  service: { id: string; title: string; leikaKey: string | null };
}

/** What a delivery sends about an application: the submitted record and its service. */
export async function submittedApplication(db: Db, id: string): Promise<SubmittedApplication | undefined> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select([
      'a.id',
      'a.reference',
      'a.submitted_at',
      'a.form_id',
      'a.form_version',
      'a.answers',
      'a.lang',
      'a.receipt_key',
      'a.receipt_sha256',
      's.id as service_id',
      's.title as service_title',
      's.leika_key',
    ])
    .where('a.id', '=', id)
    .where('a.status', '=', 'submitted')
    .executeTakeFirst();
  if (!row?.reference || !row.submitted_at) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    submittedAt: row.submitted_at,
    formId: row.form_id,
    formVersion: row.form_version,
    answers: row.answers as Record<string, unknown>,
    lang: row.lang,
    receiptKey: row.receipt_key,
    receiptSha256: row.receipt_sha256,
    service: { id: row.service_id, title: row.service_title, leikaKey: row.leika_key },
  };
}

export interface PulledSubmission {
  id: string;
  applicationId: string;
  reference: string;
  submittedAt: Date;
  /** created_at as the database writes it, for the keyset cursor. */
  key: string;
  state: 'available' | 'acknowledged';
  acknowledgedAt: Date | null;
  service: { id: string; title: string; leikaKey: string | null };
}

function pullQuery(db: Db, integrationId: string, serviceIds: string[]) {
  return db
    .selectFrom('handoff_deliveries as d')
    .innerJoin('handoff_targets as t', 't.id', 'd.target_id')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('services as s', 's.id', 't.service_id')
    .select([
      'd.id',
      'd.application_id',
      'a.reference',
      'a.submitted_at',
      'd.created_at',
      'd.state',
      'd.delivered_at',
      's.id as service_id',
      's.title',
      's.leika_key',
      sql<string>`d.created_at::text`.as('created_key'),
    ])
    .where('t.kind', '=', 'pull')
    .where('t.integration_id', '=', integrationId)
    .where('t.service_id', 'in', serviceIds.length > 0 ? serviceIds : ['00000000-0000-0000-0000-000000000000']);
}

type PullSelection = Awaited<ReturnType<ReturnType<typeof pullQuery>['executeTakeFirstOrThrow']>>;

const toPulled = (r: PullSelection): PulledSubmission => ({
  id: r.id,
  applicationId: r.application_id,
  reference: r.reference ?? '',
  submittedAt: r.submitted_at ?? r.created_at,
  key: r.created_key,
  state: r.state === 'acknowledged' ? 'acknowledged' : 'available',
  acknowledgedAt: r.delivered_at,
  service: { id: r.service_id, title: r.title, leikaKey: r.leika_key },
});

/** A Fachverfahren's submissions in one state, oldest first (the order to work them off in). */
export async function pullList(
  db: Db,
  caller: { id: string; serviceIds: string[] },
  state: 'available' | 'acknowledged',
  after: { key: string; id: string } | undefined,
  limit: number,
): Promise<PulledSubmission[]> {
  let query = pullQuery(db, caller.id, caller.serviceIds).where('d.state', '=', state);
  if (after) query = query.where(sql<boolean>`(d.created_at, d.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  const rows = await query.orderBy('d.created_at').orderBy('d.id').limit(limit).execute();
  return rows.map(toPulled);
}

export async function pullOne(db: Db, caller: { id: string; serviceIds: string[] }, id: string): Promise<PulledSubmission | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await pullQuery(db, caller.id, caller.serviceIds).where('d.id', '=', id).where('d.state', 'in', ['available', 'acknowledged']).executeTakeFirst();
  return row ? toPulled(row) : undefined;
}

/** The Fachverfahren has it: acknowledged once; acknowledging again changes nothing. */
export async function acknowledge(db: Db, id: string): Promise<void> {
  await db
    .updateTable('handoff_deliveries')
    .set({ state: 'acknowledged', delivered_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'available')
    .execute();
}

/** Every target with its service's title, by service and name (the administration's overview). */
export async function listTargets(db: Db): Promise<(Target & { serviceTitle: string })[]> {
  const rows = await db
    .selectFrom('handoff_targets as t')
    .innerJoin('services as s', 's.id', 't.service_id')
    .selectAll('t')
    .select('s.title as service_title')
    .orderBy('s.title')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ ...toTarget(r), serviceTitle: r.service_title }));
}

/** The services that have an online form: the ones submissions (and so deliveries) come from. */
export const servicesWithForms = (db: Db) =>
  db
    .selectFrom('services as s')
    .select(['s.id', 's.title'])
    .where((eb) => eb.exists(eb.selectFrom('forms as f').select('f.id').whereRef('f.service_id', '=', 's.id')))
    .orderBy('s.title')
    .execute();
