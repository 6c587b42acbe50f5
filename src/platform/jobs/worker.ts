// Runs queued jobs in the background: polls, is woken early after a submission, stops cleanly.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { claimJobs, completeJob, failJob, type Job } from './queue.ts';

export type JobHandler = (job: Job) => Promise<void>;

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  db: Kysely<Database>;
  handlers: Record<string, JobHandler>;
  logger: WorkerLogger;
  /** Milliseconds between polls when idle. */
  pollMs?: number;
  /** Jobs taken and run at once. */
  batchSize?: number;
  /** How long a taken job stays locked; a job whose worker died runs again after this. */
  lockSeconds?: number;
  /** Backoff between attempts: base · 2^attempts milliseconds with jitter. */
  retryBaseMs?: number;
  /** Subscribes `wake` to jobs queued by other processes; returns how to unsubscribe. */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  /** Periodic housekeeping (e.g. expiring drafts), run about every `periodicMs`. */
  periodic?: () => Promise<void>;
  periodicMs?: number;
}

export interface Worker {
  start(): void;
  /** Look for work now instead of at the next poll. */
  wake(): void;
  /** Runs due jobs until none are left; for tests and the CLI. Returns how many ran. */
  drain(): Promise<number>;
  /** Runs the periodic housekeeping now; for tests and the CLI. */
  housekeeping(): Promise<void>;
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const { db, handlers, logger, pollMs = 1000, batchSize = 10, lockSeconds = 300, retryBaseMs = 1000, periodicMs = 3_600_000 } = options;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let lastPeriodic = 0;

  async function runJob(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(job);
      await completeJob(db, job.id);
    } catch (error) {
      const outcome = await failJob(db, job, error, retryBaseMs);
      logger.error({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, outcome }, 'job failed');
    }
  }

  async function runBatch(): Promise<number> {
    const jobs = await claimJobs(db, batchSize, lockSeconds);
    await Promise.all(jobs.map(runJob));
    return jobs.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await runBatch(); n > 0; n = await runBatch()) total += n;
    return total;
  }

  async function tick(): Promise<void> {
    try {
      await drain();
      if (options.periodic && Date.now() - lastPeriodic >= periodicMs) {
        lastPeriodic = Date.now();
        await options.periodic();
      }
    } catch (error) {
      logger.error({ err: error }, 'job worker tick failed');
    }
  }

  let busy = false;
  let wakeRequested = false;
  let unlisten: Promise<(() => Promise<void>) | undefined> = Promise.resolve(undefined);

  // One tick at a time; a wake during a tick makes the next tick start right after it.
  function schedule(delay: number): void {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      busy = true;
      wakeRequested = false;
      current = tick().finally(() => {
        busy = false;
        schedule(wakeRequested ? 0 : pollMs);
      });
    }, delay);
  }

  function wake(): void {
    if (!running) return;
    if (busy) wakeRequested = true;
    else schedule(0);
  }

  return {
    housekeeping: async () => {
      lastPeriodic = Date.now();
      await options.periodic?.();
    },
    start() {
      running = true;
      schedule(0);
      unlisten = options.listen
        ? options.listen(wake).catch((error: unknown) => {
            logger.error({ err: error }, 'not listening for jobs of other processes; polling only');
            return undefined;
          })
        : Promise.resolve(undefined);
    },
    wake,
    drain: () => drain(),
    async stop() {
      running = false;
      clearTimeout(timer);
      await (await unlisten)?.();
      await current;
    },
  };
}
