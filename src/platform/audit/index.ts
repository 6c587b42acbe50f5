// The audit log: every staff read of personal data and every change, append-only, each entry holding
// the hash of the one before. `verifyAuditLog` recomputes the chain: an edited, inserted or deleted
// entry breaks it at that point.
import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditEntry {
  actorType: 'staff' | 'system' | 'integration';
  actorId: string;
  /** What happened, e.g. `case.read`, `case.status`, `user.create`. */
  action: string;
  objectType: string;
  objectId: string;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

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

/** What an entry's hash covers, after the previous entry's hash. */
function hashedText(entry: AuditEntry & { at: string }): string {
  const { at, actorType, actorId, action, objectType, objectId, details = {} } = entry;
  return canonical({ at, actorType, actorId, action, objectType, objectId, details });
}

function hashOf(prevHash: string, entry: AuditEntry & { at: string }): string {
  return crypto.createHash('sha256').update(prevHash).update(hashedText(entry)).digest('hex');
}

/**
 * Appends an entry in one statement. `audit_head` holds the last hash; updating its single row
 * orders concurrent writers (in any process), and the update always sees the latest committed head,
 * so each entry links to the one really before it. The hash is SHA-256 over the previous hash and
 * the canonical entry, computed by PostgreSQL exactly as `verifyAuditLog` recomputes it.
 */
export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  // Millisecond precision in ISO form: what PostgreSQL stores and gives back unchanged. Details as
  // they will read back from the JSON column (dates as strings, no undefined).
  const at = new Date().toISOString();
  const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
  const text = hashedText({ ...entry, details, at });
  const { rows } = await sql<{ id: string }>`
    WITH head AS (
      UPDATE audit_head SET prev = hash, hash = encode(sha256(convert_to(hash || ${text}, 'UTF8')), 'hex') WHERE id = 1 RETURNING prev, hash
    )
    INSERT INTO audit_log (at, actor_type, actor_id, action, object_type, object_id, details, prev_hash, hash)
    SELECT ${at}, ${entry.actorType}, ${entry.actorId}, ${entry.action}, ${entry.objectType}, ${entry.objectId}, ${JSON.stringify(details)}::jsonb, head.prev, head.hash
    FROM head
    RETURNING id
  `.execute(db);
  if (rows.length !== 1) throw new Error('audit log head missing: the entry was not written');
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
    // A Fachverfahren's calls are shown under the integration's name.
    .leftJoin('integrations as i', (j) => j.on(sql`i.id::text`, '=', sql.ref('l.actor_id')))
    .select(['l.id', 'l.at', 'l.actor_type', 'l.actor_id', sql<string | null>`coalesce(s.name, i.name)`.as('name'), 'l.action', 'l.object_type', 'l.object_id'])
    .$if(Boolean(filter.action), (q) => q.where('l.action', '=', filter.action as string))
    .$if(Boolean(filter.actor), (q) =>
      q.where((e) =>
        e.or([
          e('s.name', 'ilike', `%${filter.actor}%`),
          e('s.email', 'ilike', `%${filter.actor}%`),
          e('i.name', 'ilike', `%${filter.actor}%`),
          e('l.actor_id', '=', filter.actor as string),
        ]),
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
