// Two workers (two app instances on one database, as two machines would run) share 500 deliveries:
// each reaches the receiver exactly once; a worker that dies mid-delivery leaves its task to the
// other once the lock runs out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { handoffOutbox } from '../../src/handoff/index.ts';
import { listDeliveries } from '../../src/handoff/store.ts';
import { type HandoffHarness, handoffHarness } from '../support/handoff.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.ts';

let h: HandoffHarness;
let receiver: WebhookReceiver;

before(async () => {
  h = await handoffHarness();
  receiver = await startWebhookReceiver();
  receiver.secret = (await h.addTarget({ kind: 'webhook', settings: { url: receiver.url, attachments: 'inline' } })).signingSecret ?? '';
});

after(async () => {
  await receiver.close();
  await h.close();
});

/** `n` more submitted copies of an application, each with its deliveries written by the real outbox. */
async function copies(reference: string, n: number): Promise<void> {
  const db = h.t.database.db;
  const { rows } = await sql<{ id: string; form_id: string; answers: Record<string, unknown> }>`
    INSERT INTO applications (form_id, form_version, status, answers, access_hash, lang, reference, submitted_at, receipt_key, receipt_sha256,
      case_status, applicant_name, service_id, due_at)
    SELECT form_id, form_version, 'submitted', answers, access_hash, lang, 'PAR-2026-' || lpad(g::text, 6, '0'), now(), receipt_key, receipt_sha256,
      case_status, applicant_name, service_id, due_at
    FROM applications, generate_series(1, ${n}) AS g WHERE reference = ${reference}
    RETURNING id, form_id, answers
  `.execute(db);
  const outbox = handoffOutbox(4);
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await outbox(trx, { id: r.id, formId: r.form_id, answers: r.answers as never });
  });
}

describe('several workers', () => {
  it('deliver 500 tasks between them, each exactly once', { timeout: 240_000 }, async () => {
    const first = await h.submit();
    await h.workUntil(async () => (await h.deliveriesOf(first))[0]?.state === 'delivered');
    await copies(first, 500);
    const second = await buildApp({ config: loadConfig({ NODE_ENV: 'test', JOB_RETRY_BASE_MS: '1' }), db: h.t.database.db, pool: h.t.database.pool });
    await second.ready();
    try {
      const runs = { a: 0, b: 0 };
      for (let round = 0; round < 100; round++) {
        const [a, b] = await Promise.all([h.t.app.jobs.drain(), second.jobs.drain()]);
        runs.a += a;
        runs.b += b;
        if (a + b === 0) break;
      }
      assert.ok(runs.a > 0 && runs.b > 0, `both workers took tasks (${runs.a} and ${runs.b})`);
      const keys = receiver.received.map((r) => r.key);
      assert.equal(keys.length, 501);
      assert.equal(new Set(keys).size, 501, 'no delivery arrived twice');
      const states = await h.t.database.db
        .selectFrom('handoff_deliveries')
        .select(['state', sql<string>`count(*)`.as('n')])
        .groupBy('state')
        .execute();
      assert.deepEqual(
        states.map((s) => [s.state, Number(s.n)]),
        [['delivered', 501]],
      );
      const inline = receiver.received.at(-1)?.body as { receipt: { content?: string; url?: string } };
      assert.ok(inline.receipt.content?.startsWith(Buffer.from('%PDF-').toString('base64').slice(0, 6)), 'files inline as base64 when configured');
      assert.equal(inline.receipt.url, undefined);
      // The administration's list pages through all of them, each once (keyset at database precision).
      const seen = new Set<string>();
      let before: { key: string; id: string } | undefined;
      for (let page = await listDeliveries(h.t.database.db, {}, 100); page.length > 0; page = await listDeliveries(h.t.database.db, { before }, 100)) {
        for (const d of page) seen.add(d.id);
        const last = page.at(-1) as { key: string; id: string };
        before = { key: last.key, id: last.id };
      }
      assert.equal(seen.size, 501);
    } finally {
      await second.close();
    }
  });

  it('takes up a task whose worker died, once its lock has run out', async () => {
    const reference = await h.submit();
    const [delivery] = await h.deliveriesOf(reference);
    // A worker took the job and died: running, locked until a moment ago.
    await sql`UPDATE jobs SET status = 'running', attempts = 1, locked_until = now() - interval '1 second' WHERE id = (SELECT job_id FROM handoff_deliveries WHERE id = ${delivery?.id})`.execute(
      h.t.database.db,
    );
    await h.workUntil(async () => (await h.deliveriesOf(reference))[0]?.state === 'delivered');
    assert.equal(receiver.received.filter((r) => r.key === delivery?.id).length, 1);
  });
});
