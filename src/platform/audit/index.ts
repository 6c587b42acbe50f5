// The audit log: every staff read of personal data and every change, append-only, each entry holding
// the hash of the one before. `verifyAuditLog` recomputes the chain: an edited, inserted or deleted
// entry breaks it at that point.
import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditEntry {
  actorType: 'staff' | 'system';
  actorId: string;
  /** What happened, e.g. `case.read`, `case.status`, `user.create`. */
  action: string;
  objectType: string;
  objectId: string;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
// One writer at a time, so that each entry links to the one really before it (any process).
const AUDIT_LOCK = 727_001;

/** Keys sorted at every level: the same entry always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function hashOf(prevHash: string, entry: AuditEntry & { at: string }): string {
  const { at, actorType, actorId, action, objectType, objectId, details = {} } = entry;
  return crypto.createHash('sha256').update(prevHash).update(canonical({ at, actorType, actorId, action, objectType, objectId, details })).digest('hex');
}

export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  const write = async (trx: Transaction<Database>) => {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS;
    // Millisecond precision in ISO form: what PostgreSQL stores and gives back unchanged.
    const at = new Date().toISOString();
    // Details as they will read back from the JSON column (dates as strings, no undefined), so that
    // the hash computed now is the one `verifyAuditLog` recomputes.
    const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
    await trx
      .insertInto('audit_log')
      .values({
        at,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        object_type: entry.objectType,
        object_id: entry.objectId,
        details: JSON.stringify(details),
        prev_hash: prevHash,
        hash: hashOf(prevHash, { ...entry, details, at }),
      })
      .execute();
  };
  if ('isTransaction' in db && db.isTransaction) await write(db as Transaction<Database>);
  else await (db as Kysely<Database>).transaction().execute(write);
}

export interface AuditVerification {
  entries: number;
  /** The first entry whose hash or link does not match, if any. */
  brokenAt?: { id: string; reason: 'hash' | 'link' };
}

/** Recomputes the whole chain in id order, in batches. */
export async function verifyAuditLog(db: Kysely<Database>): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let lastId = '0';
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) return { entries };
    for (const r of rows) {
      if (r.prev_hash !== prevHash) return { entries, brokenAt: { id: String(r.id), reason: 'link' } };
      const entry = {
        at: r.at.toISOString(),
        actorType: r.actor_type,
        actorId: r.actor_id,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        details: r.details,
      };
      if (hashOf(prevHash, entry) !== r.hash) return { entries, brokenAt: { id: String(r.id), reason: 'hash' } };
      prevHash = r.hash;
      lastId = String(r.id);
      entries++;
    }
  }
}

export interface AuditListEntry {
  id: string;
  at: Date;
  actorType: string;
  actorId: string;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string;
}

/** Newest first, 100 at a time before `before` (keyset on id), optionally by action and actor name/e-mail. */
export async function listAudit(db: Kysely<Database>, filter: { action?: string; actor?: string; before?: string; limit?: number }): Promise<AuditListEntry[]> {
  const rows = await db
    .selectFrom('audit_log as l')
    .leftJoin('staff_users as s', (j) => j.on(sql`s.id::text`, '=', sql.ref('l.actor_id')))
    .select(['l.id', 'l.at', 'l.actor_type', 'l.actor_id', 's.name', 'l.action', 'l.object_type', 'l.object_id'])
    .$if(Boolean(filter.action), (q) => q.where('l.action', '=', filter.action as string))
    .$if(Boolean(filter.actor), (q) =>
      q.where((e) =>
        e.or([e('s.name', 'ilike', `%${filter.actor}%`), e('s.email', 'ilike', `%${filter.actor}%`), e('l.actor_id', '=', filter.actor as string)]),
      ),
    )
    .$if(Boolean(filter.before && /^\d+$/.test(filter.before)), (q) => q.where('l.id', '<', filter.before as string))
    .orderBy('l.id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
  }));
}

export const auditActions = async (db: Kysely<Database>) =>
  (await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()).map((r) => r.action);
