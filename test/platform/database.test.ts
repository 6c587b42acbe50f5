import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { PLAN_EACH_TIME } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('database connections', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('empty');
  });
  after(() => t.close());

  test('queries are prepared statements (their plan reused), except those marked to be planned each time', async () => {
    const prepared = await t.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('organisations').select('id').where('slug', '=', 'prepared-once').execute();
      await trx.selectFrom('organisations').select('slug').where('slug', '=', 'planned-each-time').modifyFront(PLAN_EACH_TIME).execute();
      return (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(trx)).rows.map((r) => r.statement);
    });
    assert.ok(
      prepared.some((s) => s.includes('select "id" from "organisations"')),
      prepared.join('\n'),
    );
    assert.ok(!prepared.some((s) => s.includes('plan each time')), prepared.join('\n'));
  });

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
