// The frame of a server benchmark: a PostgreSQL database of its own (or one kept from an earlier run),
// Amtsweg started on it as its own process, a client connection for setup and checks; all removed
// afterwards unless kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeConnections } from '../test/support/citizen.ts';
import { freePort, startServerProcess, stopServerProcess } from '../test/support/server.ts';

export const PG_BASE = process.env.PG_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';

export interface BenchServer {
  port: number;
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
    console.log(`server: PostgreSQL ${dbName}, port ${port}; ${os.cpus().length} CPUs`);
    await run({ port, databaseUrl, db });
  } finally {
    closeConnections();
    await db.end().catch(() => {});
    if (child) await stopServerProcess(child);
    if (!options.keep && !options.reuse) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
