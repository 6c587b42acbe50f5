import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('database connections', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('empty');
  });
  after(() => t.close());

  test('a connection that breaks while idle does not end the process; the next query gets a new one', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.01)`.execute(t.database.db)));
      if (t.database.kind === 'postgres') {
        // As a server restart or an administrator would: end every other connection of this database.
        const killer = await t.database.pool.connect();
        await killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        killer.release();
        await new Promise((r) => setTimeout(r, 200));
      } else {
        t.database.pool.emit('error', new Error('terminating connection due to administrator command'), {});
        await new Promise((r) => setImmediate(r));
      }
      assert.ok(
        warnings.some((w) => w.startsWith('database connection lost while idle')),
        warnings.join(),
      );
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.database.db);
      assert.equal(rows[0]?.one, 1);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
