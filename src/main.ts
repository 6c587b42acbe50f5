// Composition root: read config → open and prepare the database → build the app → listen. With
// WEB_PROCESSES > 1 the first process supervises that many web processes, each of which runs this.
import cluster from 'node:cluster';
import { startPortalDevIdp } from './account/index.ts';
import { buildApp } from './app.ts';
import { openAndPrepare } from './bootstrap.ts';
import { superviseWebProcesses } from './cluster.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { createLogger } from './platform/http/logging.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const logger = createLogger(config.logLevel);
  if (config.webProcesses > 1 && cluster.isPrimary) return superviseWebProcesses(config, logger);
  const devIdp = config.devIdp ? await startPortalDevIdp(config, config.devIdp.port) : undefined;
  if (devIdp) config.oidc = devIdp.oidc;
  if (devIdp) logger.info(`Development IdP with test identities on ${devIdp.issuer} (DEV_IDP=false turns it off)`);
  const database = await openAndPrepare(config, (msg) => logger.info(msg));
  const app = await buildApp({ config, db: database.db, pool: database.pool, logger });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await devIdp?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  if (config.embeddedWorker) app.jobs.start();
  app.log.info({ database: database.kind, startupMs: Date.now() - started }, `Amtsweg is ready on http://localhost:${config.port}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`amtsweg: ${error.message}`);
  } else {
    console.error('amtsweg: failed to start', error);
  }
  process.exit(1);
});
