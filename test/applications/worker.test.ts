// The job worker as its own process (`npm run worker`): with PostgreSQL it seals the receipts the
// web process (WORKER=false) left queued; with the embedded PGlite it refuses to start, clearly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { applyForParkingPermit, Citizen, closeConnections } from '../support/citizen.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { PDF } from '../support/journeys.ts';
import { freePort, ROOT, startServerProcess, stopServerProcess } from '../support/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-worker-'));
const processes: ChildProcess[] = [];
let dropDatabase = async () => {};

after(async () => {
  for (const p of processes) await stopServerProcess(p, 'SIGKILL');
  closeConnections();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function receiptKeyOf(url: string, reference: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = await client.query<{ receipt_key: string | null }>('SELECT receipt_key FROM applications WHERE reference = $1', [reference]);
    return row.rows[0]?.receipt_key ?? null;
  } finally {
    await client.end();
  }
}

describe('separate worker process', () => {
  it(process.env.DATABASE_URL ? 'seals a receipt queued by the web process' : 'refuses the embedded database', { timeout: 300_000 }, async () => {
    const base = { NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEV_IDP: 'false' };
    if (!process.env.DATABASE_URL) {
      const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...base, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /a separate worker needs DATABASE_URL \(PostgreSQL\)/);
      return;
    }
    const fresh = await createPostgresDatabase(process.env.DATABASE_URL);
    dropDatabase = fresh.drop;
    const env = { ...base, DATABASE_URL: fresh.url };
    const port = await freePort();
    const web = await startServerProcess({ ...env, WORKER: 'false' }, port);
    processes.push(web);
    const citizen = new Citizen(port);
    await citizen.open('bewohnerparkausweis');
    const reference = await applyForParkingPermit(citizen, PDF);
    assert.equal(await receiptKeyOf(fresh.url, reference), null, 'the web process does not seal');

    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    processes.push(worker);
    let key: string | null = null;
    for (let i = 0; i < 120 && !key; i++) {
      await new Promise((r) => setTimeout(r, 500));
      key = await receiptKeyOf(fresh.url, reference);
    }
    assert.match(key ?? '', /^receipts\/[0-9a-f-]+\.pdf$/, 'the worker sealed the receipt');
  });
});
