// Several web processes on one port (WEB_PROCESSES): with PostgreSQL they serve a whole application
// between them, a killed one is replaced, and SIGTERM ends them all; with the embedded PGlite the
// start is refused, clearly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyForParkingPermit, Citizen, closeConnections } from '../support/citizen.ts';
import { createPostgresDatabase } from '../support/db.ts';
import { PDF } from '../support/journeys.ts';
import { freePort, ROOT, startServerProcess, stopServerProcess } from '../support/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-cluster-'));
let primary: ChildProcess | undefined;
let dropDatabase = async () => {};

after(async () => {
  if (primary) await stopServerProcess(primary, 'SIGKILL');
  closeConnections();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The web processes a supervisor started (its children running `src/main.ts`; tsx may start others). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid && command.includes('src/main.ts');
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 240; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A GET over a new connection of its own (no keep-alive), as a new visitor's. */
function freshGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    request.on('error', reject);
  });
}

describe('several web processes', () => {
  const base = { NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEV_IDP: 'false', WEB_PROCESSES: '2' };
  it(process.env.DATABASE_URL ? 'share the port, survive a killed one and stop together' : 'refuse the embedded database', { timeout: 300_000 }, async () => {
    if (!process.env.DATABASE_URL) {
      const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...base, DATABASE_URL: '', PORT: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /WEB_PROCESSES above 1 needs DATABASE_URL \(PostgreSQL\)/);
      return;
    }
    const fresh = await createPostgresDatabase(process.env.DATABASE_URL);
    dropDatabase = fresh.drop;
    const port = await freePort();
    primary = await startServerProcess({ ...base, DATABASE_URL: fresh.url }, port);
    const supervisor = primary.pid as number;
    const first = await until('two web processes', () => childrenOf(supervisor).length === 2 && childrenOf(supervisor));
    assert.ok(fs.existsSync(path.join(dataDir, 'dev-seal.p12')), 'the development seal is made once, before the web processes start');

    // Each new connection goes to the next listening process. Each process counts the /metrics
    // requests it answered: from one process the counts rise by one each time; once the second one
    // listens too (it may still be starting), a count comes twice.
    const seen: number[] = [];
    await until('both processes to answer', async () => {
      const metrics = await freshGet(port, '/metrics');
      seen.push(Number(/^amtsweg_http_requests_total\{method="GET",route="\/metrics",status="200"\} (\d+)/m.exec(metrics)?.[1] ?? 0));
      return new Set(seen).size < seen.length;
    });
    const citizen = new Citizen(port);
    await citizen.open('bewohnerparkausweis');
    assert.match(await applyForParkingPermit(citizen, PDF), /^MST-\d{4}-\d{6}$/);

    process.kill(first[0] as number, 'SIGKILL');
    const replaced = await until('a new web process', () => {
      const now = childrenOf(supervisor);
      return now.length === 2 && !now.includes(first[0] as number) && now;
    });
    assert.ok(replaced.includes(first[1] as number), 'the other process went on');

    const exited = new Promise<number | null>((resolve) => primary?.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000).unref());
    assert.equal(await Promise.race([exited, timeout]), 0);
    await until('the web processes to end', () => replaced.every((pid) => !fs.existsSync(`/proc/${pid}`)));
    primary = undefined;
  });
});
