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

interface PreparedEntry {
  at: string;
  entry: AuditEntry;
  details: Record<string, unknown>;
  text: string;
}

/**
 * Appends entries in one statement. `audit_head` holds the last hash; updating its single row
 * orders concurrent writers (in any process), and the update always sees the latest committed head,
 * so each entry links to the one really before it. The hashes are SHA-256 over the previous hash and
 * the canonical entry, computed by PostgreSQL (`audit_chain`) exactly as `verifyAuditLog` recomputes
 * them; ids follow the chain's order.
 */
async function appendEntries(db: Kysely<Database> | Transaction<Database>, batch: PreparedEntry[]): Promise<void> {
  const texts = batch.map((p) => p.text);
  const rows = batch.map((p, i) => ({
    n: i + 1,
    at: p.at,
    actor_type: p.entry.actorType,
    actor_id: p.entry.actorId,
    action: p.entry.action,
    object_type: p.entry.objectType,
    object_id: p.entry.objectId,
    details: p.details,
  }));
  const { rows: written } = await sql<{ id: string }>`
    WITH head AS (
      UPDATE audit_head SET prev = hash, hash = (audit_chain(hash, ${texts}::text[]))[${texts.length}] WHERE id = 1 RETURNING prev
    ), chain AS (
      SELECT head.prev AS start, audit_chain(head.prev, ${texts}::text[]) AS hashes FROM head
    )
    INSERT INTO audit_log (at, actor_type, actor_id, action, object_type, object_id, details, prev_hash, hash)
    SELECT e.at, e.actor_type, e.actor_id, e.action, e.object_type, e.object_id, e.details,
           CASE WHEN e.n = 1 THEN chain.start ELSE chain.hashes[e.n - 1] END, chain.hashes[e.n]
    FROM chain, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS e(n int, at timestamptz, actor_type text, actor_id text, action text, object_type text, object_id text, details jsonb)
    ORDER BY e.n
    RETURNING id
  `.execute(db);
  if (written.length !== batch.length) throw new Error('audit log head missing: the entries were not written');
}

// Most entries are reads written outside a transaction (inbox, case page). Every append holds the
// head row until its commit is on disk, so one at a time would queue busy case workers behind each
// other's disk flushes; entries that arrive while a batch is being written go together in the
// next one. Each caller still waits until its own entry is committed.
const BATCH_MAX = 500;

class Appender {
  private queue: { prepared: PreparedEntry; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;
  constructor(private readonly db: Kysely<Database>) {}

  append(prepared: PreparedEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ prepared, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH_MAX);
      try {
        await appendEntries(
          this.db,
          batch.map((b) => b.prepared),
        );
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.writing = false;
  }
}

const appenders = new WeakMap<Kysely<Database>, Appender>();

/**
 * Appends an entry. Inside a transaction it is written there (and gone if the transaction rolls
 * back); otherwise it joins the next batch, and the promise resolves once it is committed.
 */
export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  // Millisecond precision in ISO form: what PostgreSQL stores and gives back unchanged. Details as
  // they will read back from the JSON column (dates as strings, no undefined).
  const at = new Date().toISOString();
  const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
  const prepared = { at, entry, details, text: hashedText({ ...entry, details, at }) };
  if (db.isTransaction) return appendEntries(db, [prepared]);
  let appender = appenders.get(db);
  if (!appender) {
    appender = new Appender(db);
    appenders.set(db, appender);
  }
  return appender.append(prepared);
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
