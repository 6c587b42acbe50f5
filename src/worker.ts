// A job worker as its own process (`amtsweg worker` or `npm run worker`): receipts, mails, hand-off
// deliveries, draft housekeeping, for installations that keep this work off the web processes: run
// the web with WORKER=false and one or more of these, on as many machines as wanted (jobs are taken
// with SKIP LOCKED). Needs PostgreSQL; the embedded PGlite database belongs to one process.
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { openAndPrepare } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { createLogger } from './platform/http/logging.ts';

/** Starts the worker; it runs until SIGINT/SIGTERM, then finishes the jobs in hand and exits. */
export async function runWorker(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['a separate worker needs DATABASE_URL (PostgreSQL); with PGlite the web process runs the jobs']);
  const logger = createLogger(config.logLevel);
  const database = await openAndPrepare(config, (msg) => logger.info(msg));
  // The same wiring as the web process, without listening: one place decides which job does what.
  const app = await buildApp({ config, db: database.db, pool: database.pool, logger });
  await app.ready();
  app.jobs.start();
  app.log.info('Amtsweg worker is running');
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWorker().catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? `amtsweg worker: ${error.message}` : error);
    process.exit(1);
  });
}
