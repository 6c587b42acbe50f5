// Benchmark (not a test): the hand-off at volume. Amtsweg runs as its own process on PostgreSQL; the
// parking-permit service gets two targets, a signed webhook and a FIT-Connect-like destination, both
// receivers running in this process (the destination decrypts every JWE). One application is
// submitted through the pages and its receipt sealed; then COUNT submissions are written at RATE per
// second the way the portal's submit does it (the application and its deliveries in one transaction,
// copies of that application sharing its sealed receipt, so receipt sealing – measured in
// bench:forms – does not dominate). Measured at the receivers: throughput, latency from commit to
// arrival (p50/p99), duplicates and losses.
//   npm run bench:handoff      (COUNT=10000 RATE=200 JOB_CONCURRENCY=20 by default)
import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import { formVersions } from '../src/forms/index.ts';
import { handoffOutbox } from '../src/handoff/index.ts';
import { targetService } from '../src/handoff/target-service.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { applyForParkingPermit, Citizen } from '../test/support/citizen.ts';
import { startFitConnectDestination } from '../test/support/fit-connect.ts';
import { PDF } from '../test/support/journeys.ts';
import { startWebhookReceiver } from '../test/support/receivers.ts';
import { withBenchServer } from './server.ts';

const COUNT = Number(process.env.COUNT ?? 10_000);
const RATE = Number(process.env.RATE ?? 200);
const CONCURRENCY = process.env.JOB_CONCURRENCY ?? '20';
const SECRET = 'bench-session-secret-of-at-least-32-characters';
const BATCH_MS = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

async function setUpTargets(db: Kysely<Database>, webhookUrl: string, fit: Awaited<ReturnType<typeof startFitConnectDestination>>): Promise<string> {
  const form = await db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow();
  const targets = targetService({ db, forms: formVersions(db), masterSecret: SECRET, allowHttp: true });
  const common = { serviceId: form.service_id as string, onlyIf: { field: '', value: '' }, integrationId: '' };
  const webhook = await targets.create({ ...common, kind: 'webhook', name: 'Webhook', settings: { url: webhookUrl, attachments: 'links' }, clientSecret: '' });
  await targets.create({
    ...common,
    kind: 'fitconnect',
    name: 'FIT-Connect',
    settings: { submissionUrl: fit.url, tokenUrl: fit.tokenUrl, clientId: fit.clientId, destinationId: fit.destinationId, scope: '' },
    clientSecret: fit.clientSecret,
  });
  return webhook.signingSecret ?? '';
}

/** Writes `n` copies of the template application with their deliveries, as one submit transaction. */
async function submitBatch(db: Kysely<Database>, template: string, first: number, n: number): Promise<string[]> {
  const outbox = handoffOutbox(10);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string; reference: string; form_id: string; answers: Record<string, unknown> }>`
      INSERT INTO applications (form_id, form_version, status, answers, access_hash, lang, reference, submitted_at, receipt_key, receipt_sha256,
        case_status, applicant_name, service_id, due_at)
      SELECT form_id, form_version, 'submitted', answers, access_hash, lang, 'BEN-2026-' || lpad(g::text, 7, '0'), now(), receipt_key, receipt_sha256,
        case_status, applicant_name, service_id, due_at
      FROM applications, generate_series(${first}::int, ${first + n - 1}::int) AS g WHERE id = ${template}
      RETURNING id, reference, form_id, answers
    `.execute(trx);
    for (const r of rows) await outbox(trx, { id: r.id, formId: r.form_id, answers: r.answers as never });
    return rows.map((r) => r.reference);
  });
}

await withBenchServer({ name: 'handoff', env: { SESSION_SECRET: SECRET, JOB_CONCURRENCY: CONCURRENCY, LOG_LEVEL: 'error' } }, async (server) => {
  const handle = await openDatabase({ url: server.databaseUrl, poolMax: 4 });
  const webhook = await startWebhookReceiver();
  const fit = await startFitConnectDestination();
  try {
    webhook.secret = await setUpTargets(handle.db, webhook.url, fit);
    // One real submission through the pages; its sealed receipt is shared by the copies.
    const citizen = new Citizen(server.port);
    await citizen.open('bewohnerparkausweis');
    const reference = await applyForParkingPermit(citizen, PDF);
    let template: { id: string; receipt_key: string | null } | undefined;
    for (let i = 0; i < 600 && !template?.receipt_key; i++) {
      await new Promise((r) => setTimeout(r, 100));
      template = await handle.db.selectFrom('applications').select(['id', 'receipt_key']).where('reference', '=', reference).executeTakeFirst();
    }
    if (!template?.receipt_key) throw new Error('the template receipt was not sealed');
    await sql`DELETE FROM uploads WHERE application_id = ${template.id}`.execute(handle.db);
    console.log(`targets: webhook + FIT-Connect; ${COUNT} submissions at ${RATE}/s; JOB_CONCURRENCY=${CONCURRENCY}; ${os.cpus().length} CPUs`);

    const committedAt = new Map<string, number>();
    const started = Date.now();
    const perBatch = Math.max(1, Math.round((RATE * BATCH_MS) / 1000));
    for (let written = 0; written < COUNT; ) {
      const n = Math.min(perBatch, COUNT - written);
      const refs = await submitBatch(handle.db, template.id, written + 1, n);
      const now = Date.now();
      for (const r of refs) committedAt.set(r, now);
      written += n;
      const due = started + (written / RATE) * 1000;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    const submitted = Date.now();
    console.log(`submitted ${COUNT} in ${((submitted - started) / 1000).toFixed(1)} s`);

    const webhookRef = (r: (typeof webhook.received)[number]) => (r.body.application as { reference: string }).reference;
    const fitRef = (s: (typeof fit.submitted)[number]) => (s.metadata.additionalReferenceInfo as { senderReference: string }).senderReference;
    const arrived = () =>
      webhook.received.filter((r) => committedAt.has(webhookRef(r))).length + fit.submitted.filter((s) => committedAt.has(fitRef(s))).length;
    let last = -1;
    for (let idle = 0; arrived() < COUNT * 2 && idle < 600; idle++) {
      await new Promise((r) => setTimeout(r, 100));
      if (arrived() !== last) idle = 0;
      last = arrived();
    }
    const finished = Math.max(...webhook.received.map((r) => r.at), ...fit.submitted.map((s) => s.at));

    const report = (name: string, refs: string[], times: number[]) => {
      const unique = new Set(refs.filter((r) => committedAt.has(r)));
      const latencies = refs
        .map((r, i) => (committedAt.has(r) ? (times[i] as number) - (committedAt.get(r) as number) : Number.NaN))
        .filter((x) => !Number.isNaN(x))
        .sort((a, b) => a - b);
      console.log(
        `${name.padEnd(12)} delivered ${unique.size}/${COUNT}, duplicates ${refs.filter((r) => committedAt.has(r)).length - unique.size}, lost ${COUNT - unique.size}; latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
      );
    };
    report(
      'webhook',
      webhook.received.map(webhookRef),
      webhook.received.map((r) => r.at),
    );
    report(
      'FIT-Connect',
      fit.submitted.map(fitRef),
      fit.submitted.map((s) => s.at),
    );
    const seconds = (finished - started) / 1000;
    console.log(
      `throughput: ${((COUNT * 2) / seconds).toFixed(0)} deliveries/s (${(COUNT / seconds).toFixed(0)} submissions/s with both targets) over ${seconds.toFixed(1)} s`,
    );
    const failed = await handle.db
      .selectFrom('handoff_deliveries')
      .select(sql<string>`count(*)`.as('n'))
      .where('state', '!=', 'delivered')
      .executeTakeFirstOrThrow();
    console.log(`deliveries not delivered in the database: ${failed.n}`);
  } finally {
    await webhook.close();
    await fit.close();
    await handle.close();
  }
});
