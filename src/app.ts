// Builds the Fastify application from its parts; no listening, no process concerns (see main.ts).
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { linkTokens, registerAccount } from './account/index.ts';
import { countApplicationsOf, registerApplications } from './applications/index.ts';
import { registerBackoffice, staffSessionCache } from './backoffice/index.ts';
import { registerCatalog, registerFederationFeed, syncAllSources } from './catalog/index.ts';
import type { Db } from './catalog/store.ts';
import type { Config } from './config.ts';
import { formVersions, registerFormsApi } from './forms/index.ts';
import { handoffOutbox, registerHandoff } from './handoff/index.ts';
import { registerOzgApi } from './ozg/index.ts';
import { serverConnectionOf } from './platform/db/database.ts';
import { notifications } from './platform/db/notifications.ts';
import { registerApiConventions, rewriteCsvUrl } from './platform/http/api.ts';
import { registerBundle } from './platform/http/bundle.ts';
import csrf from './platform/http/csrf.ts';
import { registerErrorHandlers } from './platform/http/errors.ts';
import { registerHealth } from './platform/http/health.ts';
import i18n from './platform/http/i18n.ts';
import { createLogger } from './platform/http/logging.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { createWorker, type JobHandler, listenForJobs, type Worker } from './platform/jobs/index.ts';
import { MAIL_JOB, mailJobHandler, mailSender, registerDevOutbox } from './platform/mail/index.ts';
import { generateDevelopmentSeal, loadSeal, type Seal } from './platform/pdf/index.ts';
import { type BlobStore, databaseBlobStore, directoryBlobStore } from './platform/storage/index.ts';
import { type PostboxService, registerPostbox } from './postbox/index.ts';
import { registerPrivacy } from './privacy/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background jobs (receipts, mails); started by main.ts, drained by tests. */
    jobs: Worker;
    /** Messages to citizens' postboxes (the back office sends through it). */
    postbox: PostboxService;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  /** The process logger; tests and tools get one from LOG_LEVEL. */
  logger?: FastifyBaseLogger;
}

const root = path.resolve(import.meta.dirname, '..');

let testSeal: Seal | undefined;

/** The e-seal, loaded on first use; tests share one generated seal per process. */
function sealLoader(config: Config): () => Promise<Seal> {
  let seal: Promise<Seal> | undefined;
  return () => {
    if (config.env === 'test' && !config.sealP12Path) {
      testSeal ??= generateDevelopmentSeal(config.municipality);
      return Promise.resolve(testSeal);
    }
    seal ??= loadSeal({ p12Path: config.sealP12Path, passphrase: config.sealPassphrase, dataDir: config.dataDir, organisation: config.municipality });
    return seal;
  };
}

function blobStoreFor(config: Config, db: Db): BlobStore {
  return config.fileStorage === 'database' ? databaseBlobStore(db) : directoryBlobStore(path.resolve(config.fileStorage));
}

export async function buildApp({ config, db, pool, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger ?? createLogger(config.logLevel),
    trustProxy: config.trustProxy,
    rewriteUrl: rewriteCsvUrl,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Unknown parameters are errors (a typo like `limt` must not be ignored silently).
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  // Compression for clients that ask for it; a reverse proxy may do it instead.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  // Uploads stream through the handler; these limits only bound what the parser accepts at all.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.maxFileBytes + 1, files: 20, fields: 500, fieldSize: 100_000, parts: 600 },
  });
  await app.register(i18n, { cookieSecure: config.cookieSecure });
  await app.register(csrf, { secret: config.sessionSecret, cookieSecure: config.cookieSecure });
  await app.register(fastifyStatic, { root: path.join(root, 'public'), prefix: '/assets/', maxAge: '1d', decorateReply: false });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/@kern-ux/native/dist'),
    prefix: '/assets/kern/',
    maxAge: '7d',
    decorateReply: false,
    allowedPath: (pathName) => pathName === '/kern.min.css' || /^\/fonts\/fira-sans\/FiraSans-(Regular|SemiBold|Bold)\.woff2$/.test(pathName),
  });

  await registerBundle(app, '/assets/forms.js', path.join(root, 'src/forms/browser/conditions.ts'));

  registerMetrics(app, pool);
  registerHealth(app, db);
  registerErrorHandlers(app);
  registerApiConventions(app);
  await registerOpenApi(app, config.publicUrl);
  registerCatalog(app, db, { cacheTtlSeconds: config.searchCacheTtl });
  registerFederationFeed(app, db, { name: config.municipality, publicUrl: config.publicUrl });
  registerOzgApi(app, db);
  const forms = formVersions(db);
  registerFormsApi(app, { db, forms, publicUrl: config.publicUrl });

  let wake = () => {};
  // The back office, registered later, puts a case back into review when documents arrive.
  let documentsArrived: (applicationId: string) => Promise<void> = async () => {};
  let remindOverdue: () => Promise<number> = async () => 0;
  const blobs = blobStoreFor(config, db);
  const postbox = registerPostbox(app, {
    db,
    blobs,
    settings: {
      publicUrl: config.publicUrl,
      municipality: config.municipality,
      maxFileBytes: config.maxFileBytes,
      maxApplicationBytes: config.maxApplicationBytes,
    },
    wake: () => wake(),
    onHandIn: (applicationId) => documentsArrived(applicationId),
  });
  const account = registerAccount(app, {
    db,
    settings: {
      publicUrl: config.publicUrl,
      municipality: config.municipality,
      linkHours: config.accountLinkHours,
      unverifiedDays: config.unverifiedAccountDays,
      limits: { perAccount: config.loginMaxFailures, perAddress: config.loginMaxFailuresPerAddress, windowMinutes: 15 },
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
    },
    cookieSecure: config.cookieSecure,
    oidc: config.oidc,
    wake: () => wake(),
    countApplications: (accountId) => countApplicationsOf(db, accountId),
    unread: postbox.unread,
  });

  const sendMail = mailSender(db, blobs, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const handlers: Record<string, JobHandler> = { [MAIL_JOB]: mailJobHandler(sendMail) };
  const applications = registerApplications(app, {
    db,
    forms,
    blobs,
    seal: sealLoader(config),
    settings: {
      municipality: config.municipality,
      referencePrefix: config.referencePrefix,
      draftDays: config.draftDays,
      warnDays: 3,
      publicUrl: config.publicUrl,
      maxFileBytes: config.maxFileBytes,
      maxApplicationBytes: config.maxApplicationBytes,
    },
    cookieSecure: config.cookieSecure,
    wake: () => wake(),
    onSubmitted: handoffOutbox(config.handoff.maxAttempts),
    tokens: linkTokens(db, () => new Date()),
  });
  const handoff = registerHandoff(app, {
    db,
    forms,
    blobs,
    mail: sendMail,
    postbox,
    wake: () => wake(),
    receipt: (id) => applications.service.receiptById(id),
    settings: { ...config.handoff, publicUrl: config.publicUrl, masterSecret: config.sessionSecret, maxNoticeBytes: config.maxFileBytes },
  });
  Object.assign(handlers, applications.jobs, handoff.jobs);
  // On PostgreSQL one connection of this process listens for what other processes change.
  const server = serverConnectionOf(pool);
  const hub = server ? notifications(server, app.log) : undefined;
  const staffSessions = hub ? staffSessionCache(hub, db) : undefined;
  const worker = createWorker({
    db,
    handlers,
    logger: app.log,
    batchSize: config.jobs.concurrency,
    lockSeconds: config.jobs.lockSeconds,
    retryBaseMs: config.jobs.retryBaseMs,
    // On PostgreSQL a job queued by another process (web or worker) wakes this worker at once.
    listen: hub ? (wakeUp) => listenForJobs(hub, wakeUp) : undefined,
    periodic: async () => {
      await applications.service.sweepDrafts();
      await account.service.purge();
      await remindOverdue();
      await syncAllSources(db);
    },
  });
  wake = config.embeddedWorker ? () => worker.wake() : () => {};
  registerPrivacy(app, { db, blobs });
  const backoffice = registerBackoffice(app, {
    db,
    settings: {
      secret: config.sessionSecret,
      idleMinutes: config.sessionIdleMinutes,
      maxHours: 10,
      limits: { perAccount: config.loginMaxFailures, perAddress: config.loginMaxFailuresPerAddress, windowMinutes: 15 },
    },
    cookieSecure: config.cookieSecure,
    municipality: config.municipality,
    provider: config.staffOidc,
    forms,
    blobs,
    receipt: (id) => applications.service.receiptById(id),
    postbox,
    publicUrl: config.publicUrl,
    wake: () => wake(),
    seal: sealLoader(config),
    handoff: handoff.admin,
    sessions: staffSessions?.cache,
  });
  documentsArrived = backoffice.requests.documentsArrived;
  remindOverdue = backoffice.remindOverdue;
  app.decorate('jobs', worker);
  app.decorate('postbox', postbox);
  app.addHook('onClose', async () => {
    await worker.stop();
    staffSessions?.stop();
    await hub?.close();
    await applications.service.close();
  });
  if (config.env !== 'production') registerDevOutbox(app, db, blobs);
  return app;
}
