// A jobs table worked with SELECT … FOR UPDATE SKIP LOCKED: several workers on several machines never
// run the same job at once; a job whose worker died is taken again once its lock expires.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { JOBS_CHANNEL } from './notify.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /** Earliest start; default now. */
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a job and returns its id; pass the transaction that writes the job's subject so both commit
 * or neither does. Listening workers are notified when it commits (one statement for both).
 */
export async function enqueue(db: Db, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    WITH job AS (
      INSERT INTO jobs (kind, payload, run_at, max_attempts)
      VALUES (${kind}, ${JSON.stringify(payload)}::jsonb, ${options.runAt ?? new Date()}, ${options.maxAttempts ?? 8})
      RETURNING id
    )
    SELECT job.id FROM job CROSS JOIN (SELECT pg_notify(${JOBS_CHANNEL}, '')) AS notified
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('job not queued');
  return String(row.id);
}

/** Takes up to `limit` due jobs and locks them for `lockSeconds`. */
export async function claimJobs(db: Db, limit: number, lockSeconds: number): Promise<Job[]> {
  const rows = await sql<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = now(),
      locked_until = now() + make_interval(secs => ${lockSeconds})
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (status = 'pending' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
      ORDER BY run_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts, max_attempts
  `.execute(db);
  return rows.rows.map((r) => ({ id: String(r.id), kind: r.kind, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
}

export async function completeJob(db: Db, id: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', locked_until: null, last_error: null, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Exponential backoff with jitter: between half and all of `baseMs` · 2^attempts, capped at one hour. */
export function retryDelayMs(attempts: number, baseMs = 1000, random: () => number = Math.random): number {
  const ceiling = Math.min(3_600_000, baseMs * 2 ** attempts);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function failJob(db: Db, job: Job, error: unknown, retryBaseMs = 1000): Promise<'retry' | 'dead'> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'pending',
      last_error: message.slice(0, 2000),
      locked_until: null,
      run_at: new Date(Date.now() + retryDelayMs(job.attempts, retryBaseMs)),
      updated_at: sql`now()`,
    })
    .where('id', '=', job.id)
    .execute();
  return dead ? 'dead' : 'retry';
}
