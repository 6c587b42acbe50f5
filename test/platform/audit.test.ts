import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { audit, verifyAuditLog } from '../../src/platform/audit/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('audit log chain', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('empty');
  });
  after(() => t.close());
  const db = () => t.database.db;

  test('concurrent writers (on PostgreSQL: several connections) each link to the entry really before them', async () => {
    // Two handles stand for two processes: each writes its own batches, both through the one head.
    const writers = [db(), db().withoutPlugins()];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit(writers[i % 2] as ReturnType<typeof db>, {
          actorType: 'system',
          actorId: `writer-${i % 4}`,
          action: 'test.write',
          objectType: 'test',
          objectId: String(i),
          details: { i, at: new Date() },
        }),
      ),
    );
    const verified = await verifyAuditLog(db());
    assert.equal(verified.brokenAt, undefined);
    assert.ok(verified.entries >= 40);
    const rows = await db().selectFrom('audit_log').select(['prev_hash', 'hash']).orderBy('id').execute();
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash, `entry ${i} links to ${i - 1}`);
    const head = await sql<{ hash: string }>`SELECT hash FROM audit_head`.execute(db());
    assert.equal(head.rows[0]?.hash, rows.at(-1)?.hash, 'the head is the last hash');
    const transactions = await sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM audit_log WHERE action = 'test.write'`.execute(db());
    const n = transactions.rows[0]?.n ?? 0;
    assert.ok(n >= 2 && n < 40, `entries that arrive together are written in fewer transactions (${n} for 40)`);
  });

  test('a write inside a transaction that rolls back leaves neither entry nor head behind', async () => {
    const before = await verifyAuditLog(db());
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await audit(trx, { actorType: 'system', actorId: 'x', action: 'test.rollback', objectType: 'test', objectId: '1' });
          throw new Error('abort');
        }),
      /abort/,
    );
    await audit(db(), { actorType: 'system', actorId: 'x', action: 'test.after', objectType: 'test', objectId: '2' });
    const afterwards = await verifyAuditLog(db());
    assert.equal(afterwards.brokenAt, undefined);
    assert.equal(afterwards.entries, before.entries + 1);
  });
});
