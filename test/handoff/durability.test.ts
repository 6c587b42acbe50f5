// The outbox survives the process: the web server (a child process, PGlite in a data directory or
// PostgreSQL) is killed with SIGKILL in the middle of a burst of submissions; after a restart every
// submission a citizen saw confirmed reaches the webhook target.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { formVersions } from '../../src/forms/index.ts';
import { targetService } from '../../src/handoff/target-service.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { applyForParkingPermit, Citizen, closeConnections } from '../support/citizen.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { testConfig } from '../support/handoff.ts';
import { PDF } from '../support/journeys.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.ts';
import { freePort, startServerProcess, stopServerProcess } from '../support/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-handoff-'));
let server: ChildProcess | undefined;
let receiver: WebhookReceiver | undefined;
let dropDatabase = async () => {};

after(async () => {
  if (server) await stopServerProcess(server, 'SIGKILL');
  closeConnections();
  await receiver?.close();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sets up the webhook target directly in the server's database while the server is stopped. */
async function addWebhook(env: NodeJS.ProcessEnv, url: string): Promise<string> {
  const handle = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir });
  try {
    const form = await handle.db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow();
    const targets = targetService({ db: handle.db, forms: formVersions(handle.db), masterSecret: testConfig.sessionSecret, allowHttp: true });
    const created = await targets.create({
      serviceId: form.service_id as string,
      kind: 'webhook',
      name: 'Verfahren',
      settings: { url, attachments: 'links' },
      onlyIf: { field: '', value: '' },
      clientSecret: '',
      integrationId: '',
    });
    return created.signingSecret ?? '';
  } finally {
    await handle.close();
  }
}

describe('hand-off durability', () => {
  it('delivers every acknowledged submission after the process was killed mid-burst', { timeout: 300_000 }, async () => {
    let env: NodeJS.ProcessEnv = {
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DEV_IDP: 'false',
      SESSION_SECRET: testConfig.sessionSecret,
      // A killed worker's deliveries are taken again after this lock; retries come quickly.
      JOB_LOCK_SECONDS: '4',
      HANDOFF_TIMEOUT_SECONDS: '2',
      JOB_RETRY_BASE_MS: '50',
    };
    if (process.env.DATABASE_URL) {
      const fresh = await createPostgresDatabase(process.env.DATABASE_URL);
      dropDatabase = fresh.drop;
      env = { ...env, DATABASE_URL: fresh.url };
    }
    receiver = await startWebhookReceiver();
    const port = await freePort();
    server = await startServerProcess(env, port);
    await stopServerProcess(server);
    receiver.secret = await addWebhook(env, receiver.url);

    server = await startServerProcess(env, port);
    // The target is down during the burst: every delivery is still outstanding when the process dies.
    receiver.down(Number.POSITIVE_INFINITY);
    const acknowledged: string[] = [];
    let killed = false;
    const citizen = async () => {
      while (!killed) {
        const c = new Citizen(port);
        try {
          await c.open('bewohnerparkausweis');
          acknowledged.push(await applyForParkingPermit(c, PDF));
        } catch {
          // A request the killed process never answered: not acknowledged.
        }
      }
    };
    const burst = Array.from({ length: 8 }, citizen);
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 20));
    await stopServerProcess(server, 'SIGKILL');
    killed = true;
    await Promise.all(burst);
    const confirmed = [...acknowledged];
    assert.equal(receiver.received.length, 0, 'nothing was delivered before the process died');
    receiver.down(0);

    server = await startServerProcess(env, port);
    const arrived = () => new Set(receiver?.received.map((r) => (r.body.application as { reference: string }).reference));
    for (let i = 0; i < 300 && confirmed.some((ref) => !arrived().has(ref)); i++) await new Promise((r) => setTimeout(r, 100));
    const missing = confirmed.filter((ref) => !arrived().has(ref));
    assert.deepEqual(missing, [], `all ${confirmed.length} acknowledged submissions arrive`);
    assert.ok(receiver.received.every((r) => r.signature === 'valid'));
    // Each application has one delivery id: a repeat after the crash carries the same Idempotency-Key.
    const keysPerReference = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const ref = (r.body.application as { reference: string }).reference;
      keysPerReference.set(ref, (keysPerReference.get(ref) ?? new Set()).add(r.key));
    }
    assert.ok([...keysPerReference.values()].every((keys) => keys.size === 1));
  });
});
