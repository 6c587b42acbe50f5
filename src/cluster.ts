// Several web processes on one port (WEB_PROCESSES > 1): this process prepares the database and the
// development seal once, then starts the web processes and replaces one that dies. The web processes
// share the listening socket (node:cluster hands each new connection to the next one in turn); all
// their state is in PostgreSQL, as with several machines behind a load balancer.
import cluster, { type Worker } from 'node:cluster';
import { openAndPrepare } from './bootstrap.ts';
import type { Config } from './config.ts';
import type { createLogger } from './platform/http/logging.ts';
import { loadSeal } from './platform/pdf/index.ts';

type Logger = ReturnType<typeof createLogger>;

/** A web process that dies within this time after its start is restarted after a growing pause. */
const STEADY_MS = 10_000;
const MAX_PAUSE_MS = 30_000;

/** Runs until SIGINT/SIGTERM, which it passes on to the web processes before it exits itself. */
export async function superviseWebProcesses(config: Config, logger: Logger): Promise<void> {
  const database = await openAndPrepare(config, (msg) => logger.info(msg));
  await database.close();
  // Generated once here: web processes creating it side by side would each sign with their own.
  if (config.env !== 'test')
    await loadSeal({ p12Path: config.sealP12Path, passphrase: config.sealPassphrase, dataDir: config.dataDir, organisation: config.municipality });

  let closing = false;
  let pause = 500;
  const started = new Map<Worker, number>();
  const start = () => started.set(cluster.fork(), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (closing) {
      if (started.size === 0) process.exit(0);
      return;
    }
    pause = lived > STEADY_MS ? 500 : Math.min(pause * 2, MAX_PAUSE_MS);
    logger.error({ webProcess: worker.process.pid, code, signal }, `web process ended unexpectedly; a new one starts in ${pause} ms`);
    setTimeout(() => {
      if (!closing) start();
    }, pause);
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down the web processes');
    if (started.size === 0) process.exit(0);
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  for (let i = 0; i < config.webProcesses; i++) start();
  logger.info(`starting ${config.webProcesses} web processes on port ${config.port}`);
}
