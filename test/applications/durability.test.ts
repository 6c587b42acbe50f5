// An acknowledged submission survives the process being killed: the server runs as a child process
// (PGlite in a data directory, or PostgreSQL with DATABASE_URL), is killed with SIGKILL right after
// the confirmation page, and after a restart the application, its upload and its receipt are there.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyForParkingPermit, Citizen, closeConnections } from '../support/citizen.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { PDF } from '../support/journeys.ts';
import { freePort, startServerProcess, stopServerProcess } from '../support/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-durability-'));
let server: ChildProcess | undefined;
let dropDatabase = async () => {};

after(async () => {
  if (server) await stopServerProcess(server, 'SIGKILL');
  closeConnections();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps an acknowledged submission when the process is killed at once', { timeout: 300_000 }, async () => {
    let env: NodeJS.ProcessEnv = { NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: '', DEV_IDP: 'false' };
    if (process.env.DATABASE_URL) {
      const fresh = await createPostgresDatabase(process.env.DATABASE_URL);
      dropDatabase = fresh.drop;
      env = { ...env, DATABASE_URL: fresh.url };
    }
    const port = await freePort();
    // Without the worker the receipt job is still waiting when the process dies.
    server = await startServerProcess({ ...env, WORKER: 'false' }, port);
    const citizen = new Citizen(port);
    await citizen.open('bewohnerparkausweis');
    const reference = await applyForParkingPermit(citizen, PDF);
    await stopServerProcess(server, 'SIGKILL');

    server = await startServerProcess(env, port);
    const confirmation = await citizen.request('GET', '/antrag/bewohnerparkausweis/bestaetigung');
    assert.equal(confirmation.status, 200);
    assert.match(confirmation.body, new RegExp(reference));
    const receipt = await citizen.request('GET', '/antrag/bewohnerparkausweis/eingangsbestaetigung.pdf');
    assert.equal(receipt.status, 200);
    assert.match(receipt.body.slice(0, 8), /^%PDF-/);
    assert.match(receipt.body, /\/ByteRange/, 'sealed');
  });
});
