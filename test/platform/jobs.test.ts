// The job queue: backoff with jitter, retries ending in the dead state, and – on PostgreSQL – a job
// queued through another connection waking a listening worker at once rather than at its next poll.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { notifications } from '../../src/platform/db/notifications.ts';
import { createWorker, enqueue, type Job, listenForJobs, retryDelayMs } from '../../src/platform/jobs/index.ts';
import { createPostgresDatabase, createTestDatabase, type TestDatabase } from '../support/db.ts';

const silent = { info: () => {}, error: () => {} };
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase('empty');
});
after(() => database.drop());

describe('job queue', () => {
  it('backs off exponentially with jitter, capped at an hour', () => {
    assert.equal(
      retryDelayMs(1, 1000, () => 0),
      1000,
    );
    assert.equal(
      retryDelayMs(1, 1000, () => 1),
      2000,
    );
    assert.equal(
      retryDelayMs(3, 1000, () => 0.5),
      6000,
    );
    assert.equal(
      retryDelayMs(30, 1000, () => 1),
      3_600_000,
    );
    assert.equal(
      retryDelayMs(2, 10, () => 1),
      40,
    );
  });

  it('retries a failing job and leaves it dead after its last attempt', async () => {
    const seen: number[] = [];
    const worker = createWorker({
      db: database.db,
      logger: silent,
      retryBaseMs: 1,
      handlers: {
        flaky: async (job: Job) => {
          seen.push(job.attempts);
          throw new Error(`attempt ${job.attempts} failed`);
        },
      },
    });
    const id = await enqueue(database.db, 'flaky', {}, { maxAttempts: 3 });
    for (let i = 0; i < 50 && seen.length < 3; i++) {
      await worker.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(seen, [1, 2, 3]);
    const row = await database.db.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'dead', last_error: 'attempt 3 failed' });
  });
});

describe('job notifications', () => {
  it(
    process.env.DATABASE_URL
      ? 'PostgreSQL: a job queued on another connection wakes a listening worker at once'
      : 'PGlite: queueing notifies without error (one process, woken directly)',
    async () => {
      if (!process.env.DATABASE_URL) {
        const id = await enqueue(database.db, 'nothing', {});
        assert.match(id, /^\d+$/);
        return;
      }
      const fresh = await createPostgresDatabase(process.env.DATABASE_URL);
      const worker1 = await openDatabase({ url: fresh.url, poolMax: 2 });
      const other = await openDatabase({ url: fresh.url, poolMax: 2 });
      const hub = notifications({ connectionString: fresh.url }, { warn: () => {} });
      try {
        await migrateToLatest(worker1.db as never);
        let ran: (at: number) => void = () => {};
        const done = new Promise<number>((resolve) => {
          ran = resolve;
        });
        // Polling once a minute: only the notification can make it run within the test.
        const worker = createWorker({
          db: worker1.db,
          logger: silent,
          pollMs: 60_000,
          handlers: { ping: async () => ran(Date.now()) },
          listen: (wake) => listenForJobs(hub, wake),
        });
        worker.start();
        await new Promise((r) => setTimeout(r, 300));
        const queued = Date.now();
        await other.db.transaction().execute((trx) => enqueue(trx, 'ping', {}));
        const at = await Promise.race([done, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('not woken')), 5000))]);
        assert.ok(at - queued < 2000, `ran ${at - queued} ms after queueing`);
        await worker.stop();
      } finally {
        await hub.close();
        await worker1.close();
        await other.close();
        await fresh.drop();
      }
    },
  );
});
