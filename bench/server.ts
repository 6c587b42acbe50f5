// The frame of a server benchmark: a PostgreSQL database of its own (or one kept from an earlier run),
// Amtsweg started on it as its own process, a client connection for setup and checks; all removed
// afterwards unless kept.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeConnections } from '../test/support/citizen.ts';
import { freePort, startServerProcess, stopServerProcess } from '../test/support/server.ts';

export const PG_BASE = process.env.PG_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * The machine's speed now: milliseconds for a fixed piece of single-threaded work (JSON, SHA-256,
 * string building), best of ten. The cores of this workplace's machines vary by ±30 % between hours,
 * more than most changes; runs are comparable only together with this figure.
 */
export function calibrate(): number {
  const record = {
    id: 'a3f1c2d4-0000-4000-8000-000000000000',
    name: 'Erika Mustermann',
    answers: Array.from({ length: 40 }, (_, i) => ({ key: `feld${i}`, value: `Wert ${i} äöü` })),
  };
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 10; run++) {
    const started = performance.now();
    let out = '';
    for (let i = 0; i < 4000; i++) {
      const text = JSON.stringify({ ...record, i });
      out = crypto
        .createHash('sha256')
        .update(JSON.parse(text).name + text)
        .digest('hex');
    }
    if (!out) throw new Error('unreachable');
    best = Math.min(best, performance.now() - started);
  }
  return Math.round(best * 10) / 10;
}

const TICKS_PER_SECOND = 100;

/** Per process: its parent, command and CPU ticks, its own and (`ended`) those of its children that ended. */
function processes(): Map<number, { ppid: number; command: string; ticks: number; ended: number }> {
  const found = new Map<number, { ppid: number; command: string; ticks: number; ended: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      found.set(Number(entry), {
        ppid: Number(fields[1]),
        command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(') ')),
        ticks: Number(fields[11]) + Number(fields[12]),
        ended: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/**
 * CPU milliseconds (user and system) used so far, from /proc: by process `pid` and its children (web
 * processes with WEB_PROCESSES), and by all PostgreSQL processes. Per request these figures depend far
 * less on what else the machine does than throughput or latency.
 */
export function cpuMs(pid: number): { server: number; postgres: number } {
  const all = processes();
  const inTree = (p: number): boolean => p === pid || (p > 1 && inTree(all.get(p)?.ppid ?? 0));
  let server = 0;
  let postgres = 0;
  for (const [p, stat] of all) {
    // A connection's backend that ended counts in the postmaster's (a web process in the root's) `ended`.
    if (inTree(p)) server += stat.ticks + (p === pid ? stat.ended : 0);
    else if (stat.command === 'postgres') postgres += stat.ticks + (all.get(stat.ppid)?.command === 'postgres' ? 0 : stat.ended);
  }
  return { server: (server * 1000) / TICKS_PER_SECOND, postgres: (postgres * 1000) / TICKS_PER_SECOND };
}

export interface BenchServer {
  port: number;
  /** The server's process id (the supervisor with WEB_PROCESSES). */
  pid: number;
  databaseUrl: string;
  /** A connection to the benchmark's database. */
  db: pg.Client;
}

export async function withBenchServer(
  options: { name: string; env?: NodeJS.ProcessEnv; reuse?: string; keep?: boolean },
  run: (server: BenchServer) => Promise<void>,
): Promise<void> {
  const dbName = options.reuse ?? `amtsweg_bench_${options.name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  if (!options.reuse) await admin.query(`CREATE DATABASE ${dbName}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-bench-'));
  const port = await freePort();
  const databaseUrl = `${PG_BASE}/${dbName}`;
  const db = new pg.Client({ connectionString: databaseUrl });
  let child: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    // The first start migrates and imports the demo catalogue and forms.
    child = await startServerProcess({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEV_IDP: 'false', ...options.env }, port);
    await db.connect();
    console.log(`server: PostgreSQL ${dbName}, port ${port}; ${os.cpus().length} CPUs; calibration ${calibrate()} ms (lower is faster)`);
    await run({ port, pid: child.pid as number, databaseUrl, db });
    console.log(`calibration after the run: ${calibrate()} ms`);
  } finally {
    closeConnections();
    await db.end().catch(() => {});
    if (child) await stopServerProcess(child);
    if (!options.keep && !options.reuse) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
