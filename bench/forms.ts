// Benchmark (not a test): online applications on PostgreSQL. The server runs as its own process
// (`src/main.ts`, embedded worker on) on 127.0.0.1; the load comes from this process.
//   1. GET a form step page, 50 connections (autocannon)
//   2. POST a valid step (CSRF token, 303 to the next step), 50 connections (autocannon)
//   3. submit complete Bewohnerparkausweis applications (filled in through the pages beforehand, with a
//      200 KB attachment), 50 concurrent citizens, for DURATION_SUBMIT seconds: the submit and the
//      confirmation page with the reference number;
//   4. whole journeys (start, four steps with the upload, submit, confirmation), 50 concurrent
//      citizens, for DURATION_JOURNEY seconds;
//   then every acknowledged submission is looked up in the database and the time until the worker
//   has sealed every receipt is measured.
//   npm run bench:forms        (DURATION=20 DURATION_SUBMIT=60 DURATION_JOURNEY=60 CONNECTIONS=50 by default)
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { applyForParkingPermit, Citizen, closeConnections, type Draft, fillParkingPermit, submitParkingPermit } from '../test/support/citizen.ts';
import { freePort, ROOT, startServerProcess } from '../test/support/server.ts';

const DURATION = Number(process.env.DURATION ?? 20);
const DURATION_SUBMIT = Number(process.env.DURATION_SUBMIT ?? 60);
const DURATION_JOURNEY = Number(process.env.DURATION_JOURNEY ?? 60);
// Complete drafts prepared for the submission run (more than it can submit, so it never runs dry).
const SUBMIT_DRAFTS = Number(process.env.SUBMIT_DRAFTS ?? 450 * DURATION_SUBMIT);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
// SEPARATE_WORKER=1: the web process runs no jobs; `src/worker.ts` seals the receipts in its own process.
const SEPARATE_WORKER = process.env.SEPARATE_WORKER === '1';
const RECEIPT_WAIT_SECONDS = Number(process.env.RECEIPT_WAIT_SECONDS ?? 600);
const PG_BASE = process.env.PG_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const ATTACHMENT = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(200 * 1024 - 9)]);

// ---------------------------------------------------------------- server and database

function serverEnv(databaseUrl: string, dataDir: string): NodeJS.ProcessEnv {
  return { NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEV_IDP: 'false' };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

// ---------------------------------------------------------------- scenarios

/** Hundesteuer drafts for the step benchmarks, each with its own browser cookies. */
async function makeDrafts(port: number, n: number): Promise<Draft[]> {
  const drafts: Draft[] = [];
  for (let i = 0; i < n; i++) {
    const c = new Citizen(port);
    await c.open('hundesteuer');
    const started = await c.form('/antrag/hundesteuer', {});
    if (started.status !== 303) throw new Error(`start: ${started.status}`);
    drafts.push({ cookie: c.cookieHeader(), token: c.token });
  }
  return drafts;
}

const OWNER = { vorname: 'Erika', nachname: 'Mustermann', strasse: 'Hauptstraße 1', plz: '12345', geburtsdatum: '12.08.1964' };

async function cannon(label: string, port: number, request: autocannon.Request, expected: number) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests: [request] });
  const good = (result.statusCodeStats as Record<string, { count: number }>)[String(expected)]?.count ?? 0;
  const all = Object.values(result.statusCodeStats as Record<string, { count: number }>).reduce((s, c) => s + c.count, 0);
  const row = {
    label,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (all - good),
  };
  console.log(JSON.stringify(row));
  return row;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
}

/** Complete Bewohnerparkausweis drafts, each in its own browser, filled in by CONNECTIONS citizens at a time. */
async function completeDrafts(port: number, n: number): Promise<Citizen[]> {
  const ready: Citizen[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (started++ < n) {
        const c = new Citizen(port);
        await c.open('bewohnerparkausweis');
        await fillParkingPermit(c, ATTACHMENT);
        ready.push(c);
      }
    }),
  );
  return ready;
}

/**
 * CONNECTIONS citizens at a time, for `seconds`: each round returns the acknowledged reference
 * number, or undefined when there is nothing left to do.
 */
async function drive(seconds: number, round: (latencies: number[]) => Promise<string | undefined>) {
  const latencies: number[] = [];
  const acknowledged: string[] = [];
  const errors: string[] = [];
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  let ranDry = false;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end && !ranDry) {
        try {
          const reference = await round(latencies);
          if (reference) acknowledged.push(reference);
          else ranDry = true;
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Math.round(acknowledged.length / elapsed),
    seconds: Math.round(elapsed),
    ranDry,
    acknowledged,
    errors: errors.length,
    firstErrors: [...new Set(errors)].slice(0, 3),
    requests: latencies.length,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
  };
}

// ---------------------------------------------------------------- run

async function main() {
  const dbName = `amtsweg_bench_forms_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-bench-'));
  const port = await freePort();
  const databaseUrl = `${PG_BASE}/${dbName}`;
  let server: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    console.log(
      `server: PostgreSQL ${databaseUrl}, port ${port}; ${os.cpus().length} CPUs; ${CONNECTIONS} connections; worker ${SEPARATE_WORKER ? 'separate' : 'embedded'}`,
    );
    server = await startServerProcess({ ...serverEnv(databaseUrl, dataDir), WORKER: SEPARATE_WORKER ? 'false' : 'true' }, port);
    if (SEPARATE_WORKER) {
      worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...serverEnv(databaseUrl, dataDir), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
    const drafts = await makeDrafts(port, 200);
    const pick = () => drafts[Math.floor(Math.random() * drafts.length)] as Draft;

    const warm = {
      method: 'GET' as const,
      path: '/antrag/hundesteuer/schritt/halter',
      setupRequest: (req: autocannon.Request) => ({ ...req, headers: { cookie: pick().cookie } }),
    };
    await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: 3, requests: [warm] });
    const getStep = await cannon('GET step page', port, warm, 200);
    const postStep = await cannon(
      'POST valid step',
      port,
      {
        method: 'POST',
        path: '/antrag/hundesteuer/schritt/halter',
        setupRequest: (req: autocannon.Request) => {
          const d = pick();
          return {
            ...req,
            headers: { cookie: d.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ ...OWNER, _csrf: d.token }).toString(),
          };
        },
      },
      303,
    );

    const complete = await completeDrafts(port, SUBMIT_DRAFTS);
    const submitted = await drive(DURATION_SUBMIT, async (latencies) => {
      const c = complete.pop();
      return c && submitParkingPermit(c, latencies);
    });
    const journeys = await drive(DURATION_JOURNEY, async (latencies) => {
      const c = new Citizen(port);
      await c.open('bewohnerparkausweis');
      return applyForParkingPermit(c, ATTACHMENT, latencies);
    });
    const finishedAt = Date.now();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const present = async (references: string[]) =>
      (await db.query(`SELECT reference FROM applications WHERE status = 'submitted' AND reference = ANY($1)`, [references])).rowCount;
    const found = { submitted: await present(submitted.acknowledged), journeys: await present(journeys.acknowledged) };
    let pending = 1;
    while (pending > 0 && Date.now() - finishedAt < RECEIPT_WAIT_SECONDS * 1000) {
      pending = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE status <> 'done'`)).rows[0]?.n ?? 0);
      if (pending > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    const receiptsSeconds = (Date.now() - finishedAt) / 1000;
    const receipts = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM applications WHERE receipt_key IS NOT NULL`)).rows[0]?.n ?? 0);
    await db.end();

    const report = ({ acknowledged, ...run }: typeof submitted, presentInDatabase: number | null) => ({
      ...run,
      acknowledged: acknowledged.length,
      presentInDatabase,
    });
    const summary = {
      getStep,
      postStep,
      submissions: report(submitted, found.submitted),
      journeys: report(journeys, found.journeys),
      receiptsSealed: receipts,
      secondsUntilAllReceiptsSealed: Math.round(receiptsSeconds),
      serverPeakRssMb: server.pid ? peakRssMb(server.pid) : undefined,
      workerPeakRssMb: worker?.pid ? peakRssMb(worker.pid) : undefined,
    };
    console.log(JSON.stringify(summary, null, 2));
    if (found.submitted !== submitted.acknowledged.length || found.journeys !== journeys.acknowledged.length) {
      console.error('LOST SUBMISSIONS: acknowledged but not in the database');
      process.exitCode = 1;
    }
  } finally {
    server?.kill('SIGTERM');
    worker?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
    closeConnections();
  }
}

await main();
