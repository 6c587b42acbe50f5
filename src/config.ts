// Every setting of Amtsweg, read from the environment once and validated with all errors reported together.
import os from 'node:os';
import path from 'node:path';
import { type IdentityAttribute, parseClaimMap } from './account/oidc/claims.ts';

export interface Config {
  /** NODE_ENV: production enables strict checks (session secret, secure cookies). */
  env: 'development' | 'production' | 'test';
  /** HOST: interface to listen on. */
  host: string;
  /** PORT: TCP port of the portal. */
  port: number;
  /** DATABASE_URL: PostgreSQL connection string; empty = embedded PGlite in DATA_DIR. */
  databaseUrl: string | undefined;
  /** DATA_DIR: directory of the embedded database (PGlite). */
  dataDir: string;
  /**
   * DATABASE_POOL_MAX: connections in the PostgreSQL pool (PGlite always uses 1). An inbox request
   * uses two at once (page and counts): with 10, twenty busy case workers waited for connections.
   */
  poolMax: number;
  /**
   * WEB_PROCESSES: web processes sharing PORT (1 by default; `auto`: one per CPU core). More than one
   * needs PostgreSQL: they are stateless, and the embedded PGlite belongs to one process.
   */
  webProcesses: number;
  /** OZG_DATA_DIR: where `import ozg` reads the catalogue CSV files. */
  ozgDataDir: string;
  /** SEED_DEMO: import the OZG catalogue and the demo municipality on first start. */
  seedDemo: boolean;
  /** SESSION_SECRET: key for signed cookies and CSRF tokens; required in production. */
  sessionSecret: string;
  /** COOKIE_SECURE: mark cookies `Secure` (default on in production). */
  cookieSecure: boolean;
  /** TRUST_PROXY: trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy: boolean;
  /** LOG_LEVEL: pino log level. */
  logLevel: string;
  /** SEARCH_CACHE_TTL: seconds search results and taxonomy lists are cached in-process (0 = off). */
  searchCacheTtl: number;
  /** PUBLIC_URL: the portal's public base URL, used in links in mails and the OpenAPI servers list. */
  publicUrl: string;
  /** MUNICIPALITY_NAME: the authority's name on receipts and in mails. */
  municipality: string;
  /** REFERENCE_PREFIX: prefix of reference numbers (MST-2026-000123), 2–6 capital letters. */
  referencePrefix: string;
  /** DRAFT_DAYS: days an unfinished application is kept after its last change. */
  draftDays: number;
  /** MAX_FILE_MB: largest single upload, unless a form field sets less. */
  maxFileBytes: number;
  /** MAX_APPLICATION_MB: all uploads of one application together. */
  maxApplicationBytes: number;
  /** FILE_STORAGE: `database` (default) or a directory path for uploads and receipts. */
  fileStorage: string;
  /** SMTP_URL: smtp(s)://user:pass@host:port; unset in development keeps mails at /dev/mails. Required in production. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: sender address of the portal's mails. */
  mailFrom: string;
  /** SEAL_P12_PATH / SEAL_P12_PASSPHRASE: the e-seal for receipts; development generates one. Required in production. */
  sealP12Path: string | undefined;
  sealPassphrase: string;
  /** SESSION_IDLE_MINUTES: a citizen's session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** SESSION_MAX_HOURS: and at the latest this many hours after sign-in. */
  sessionMaxHours: number;
  /** ACCOUNT_LINK_HOURS: validity of links to confirm an e-mail address or reset a password. */
  accountLinkHours: number;
  /** UNVERIFIED_ACCOUNT_DAYS: accounts whose e-mail was never confirmed are deleted after this many days. */
  unverifiedAccountDays: number;
  /** LOGIN_MAX_FAILURES / LOGIN_MAX_FAILURES_PER_ADDRESS: failed sign-ins within 15 minutes before further attempts wait. */
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  /**
   * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_SCOPES, OIDC_TRUST_CLAIM, OIDC_CLAIM_MAP:
   * the eID sign-in (a BundID or Land-account bridge speaking OpenID Connect). Unset: no eID sign-in,
   * unless the development IdP runs.
   */
  oidc: OidcConfig | undefined;
  /** STAFF_OIDC_ISSUER / _CLIENT_ID / _CLIENT_SECRET / _SCOPES: staff sign in through the municipality's identity provider (instead of password + TOTP). */
  staffOidc: StaffOidcConfig | undefined;
  /** DEV_IDP / DEV_IDP_PORT: start the development IdP with test identities (default on in development without OIDC_ISSUER and with one web process; never in production). */
  devIdp: { port: number } | undefined;
  /** WORKER: run background jobs inside the web process (default on; off when `npm run worker` (src/worker.ts) runs separately). */
  embeddedWorker: boolean;
  /** JOB_CONCURRENCY / JOB_LOCK_SECONDS / JOB_RETRY_BASE_MS: jobs one worker runs at once, how long a taken job stays locked (a dead worker's job runs again after this), the backoff base (base · 2^attempt with jitter). */
  jobs: { concurrency: number; lockSeconds: number; retryBaseMs: number };
  /** HANDOFF_MAX_ATTEMPTS / HANDOFF_TIMEOUT_SECONDS / HANDOFF_LINK_DAYS / HANDOFF_ALLOW_HTTP: hand-off to Fachverfahren (attempts before a delivery fails, request timeout, validity of attachment links, plain-HTTP targets (default only outside production)). */
  handoff: HandoffConfig;
}

export interface HandoffConfig {
  /** INTEGRATION_CERT_HEADER: header in which the TLS-terminating proxy passes the client certificate's SHA-256 (for API keys bound to a certificate). */
  certHeader: string | undefined;
  maxAttempts: number;
  timeoutMs: number;
  linkDays: number;
  allowHttp: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  trustClaim: string;
  claimMap: Partial<Record<IdentityAttribute, string[]>>;
}

export interface StaffOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const projectRoot = path.resolve(import.meta.dirname, '..');
const DEV_SECRET = 'amtsweg-development-secret-not-for-production';

function readBool(raw: string | undefined, fallback: boolean, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function readInt(raw: string | undefined, fallback: number, name: string, problems: string[], min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function readOidc(environment: NodeJS.ProcessEnv, problems: string[]): OidcConfig | undefined {
  const issuer = environment.OIDC_ISSUER;
  if (!issuer) return undefined;
  if (!/^https?:\/\//.test(issuer)) problems.push('OIDC_ISSUER must be an http(s) URL');
  const clientId = environment.OIDC_CLIENT_ID ?? '';
  const clientSecret = environment.OIDC_CLIENT_SECRET ?? '';
  if (!clientId || !clientSecret) problems.push('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set with OIDC_ISSUER');
  const claimMap = parseClaimMap(environment.OIDC_CLAIM_MAP);
  if (typeof claimMap === 'string') problems.push(`OIDC_CLAIM_MAP ${claimMap}`);
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: environment.OIDC_SCOPES || 'openid profile email address',
    trustClaim: environment.OIDC_TRUST_CLAIM || 'acr',
    claimMap: typeof claimMap === 'string' ? {} : claimMap,
  };
}

function readStaffOidc(environment: NodeJS.ProcessEnv, problems: string[]): StaffOidcConfig | undefined {
  const issuer = environment.STAFF_OIDC_ISSUER;
  if (!issuer) return undefined;
  if (!/^https?:\/\//.test(issuer)) problems.push('STAFF_OIDC_ISSUER must be an http(s) URL');
  const clientId = environment.STAFF_OIDC_CLIENT_ID ?? '';
  const clientSecret = environment.STAFF_OIDC_CLIENT_SECRET ?? '';
  if (!clientId || !clientSecret) problems.push('STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET must be set with STAFF_OIDC_ISSUER');
  return { issuer, clientId, clientSecret, scopes: environment.STAFF_OIDC_SCOPES || 'openid email profile' };
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const rawEnv = environment.NODE_ENV ?? 'development';
  const env = (['development', 'production', 'test'].includes(rawEnv) ? rawEnv : 'development') as Config['env'];
  if (env !== rawEnv) problems.push(`NODE_ENV must be development, production or test, got "${rawEnv}"`);
  const production = env === 'production';

  const databaseUrl = environment.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const sessionSecret = environment.SESSION_SECRET ?? (production ? '' : DEV_SECRET);
  if (production && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be set to at least 32 random characters when NODE_ENV=production');
  }
  const port = readInt(environment.PORT, 3000, 'PORT', problems, 0, 65535);
  const host = environment.HOST || '0.0.0.0';

  const config: Config = {
    env,
    host,
    port,
    databaseUrl,
    dataDir: path.resolve(environment.DATA_DIR || path.join(projectRoot, 'data')),
    poolMax: readInt(environment.DATABASE_POOL_MAX, 20, 'DATABASE_POOL_MAX', problems, 1, 500),
    webProcesses: environment.WEB_PROCESSES === 'auto' ? os.availableParallelism() : readInt(environment.WEB_PROCESSES, 1, 'WEB_PROCESSES', problems, 1, 64),
    ozgDataDir: path.resolve(environment.OZG_DATA_DIR || path.join(projectRoot, 'seed', 'ozg')),
    seedDemo: readBool(environment.SEED_DEMO, true, 'SEED_DEMO', problems),
    sessionSecret,
    cookieSecure: readBool(environment.COOKIE_SECURE, production, 'COOKIE_SECURE', problems),
    trustProxy: readBool(environment.TRUST_PROXY, false, 'TRUST_PROXY', problems),
    logLevel: environment.LOG_LEVEL || (env === 'test' ? 'silent' : 'info'),
    searchCacheTtl: readInt(environment.SEARCH_CACHE_TTL, 60, 'SEARCH_CACHE_TTL', problems, 0, 86400),
    publicUrl: (environment.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    municipality: environment.MUNICIPALITY_NAME || 'Stadt Musterstadt',
    referencePrefix: environment.REFERENCE_PREFIX || 'MST',
    draftDays: readInt(environment.DRAFT_DAYS, 30, 'DRAFT_DAYS', problems, 1, 365),
    maxFileBytes: readInt(environment.MAX_FILE_MB, 10, 'MAX_FILE_MB', problems, 1, 200) * 1024 * 1024,
    maxApplicationBytes: readInt(environment.MAX_APPLICATION_MB, 30, 'MAX_APPLICATION_MB', problems, 1, 1000) * 1024 * 1024,
    fileStorage: environment.FILE_STORAGE || 'database',
    smtpUrl: environment.SMTP_URL || undefined,
    mailFrom: environment.MAIL_FROM || 'Stadt Musterstadt <noreply@musterstadt.example>',
    sealP12Path: environment.SEAL_P12_PATH || undefined,
    sealPassphrase: environment.SEAL_P12_PASSPHRASE ?? '',
    sessionIdleMinutes: readInt(environment.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES', problems, 5, 1440),
    sessionMaxHours: readInt(environment.SESSION_MAX_HOURS, 12, 'SESSION_MAX_HOURS', problems, 1, 720),
    accountLinkHours: readInt(environment.ACCOUNT_LINK_HOURS, 24, 'ACCOUNT_LINK_HOURS', problems, 1, 168),
    unverifiedAccountDays: readInt(environment.UNVERIFIED_ACCOUNT_DAYS, 7, 'UNVERIFIED_ACCOUNT_DAYS', problems, 1, 365),
    loginMaxFailures: readInt(environment.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES', problems, 1, 1000),
    loginMaxFailuresPerAddress: readInt(environment.LOGIN_MAX_FAILURES_PER_ADDRESS, 30, 'LOGIN_MAX_FAILURES_PER_ADDRESS', problems, 1, 100000),
    embeddedWorker: readBool(environment.WORKER, true, 'WORKER', problems),
    jobs: {
      concurrency: readInt(environment.JOB_CONCURRENCY, 10, 'JOB_CONCURRENCY', problems, 1, 200),
      lockSeconds: readInt(environment.JOB_LOCK_SECONDS, 300, 'JOB_LOCK_SECONDS', problems, 2, 86400),
      retryBaseMs: readInt(environment.JOB_RETRY_BASE_MS, 1000, 'JOB_RETRY_BASE_MS', problems, 1, 600000),
    },
    handoff: {
      certHeader: environment.INTEGRATION_CERT_HEADER?.toLowerCase() || undefined,
      maxAttempts: readInt(environment.HANDOFF_MAX_ATTEMPTS, 10, 'HANDOFF_MAX_ATTEMPTS', problems, 1, 100),
      timeoutMs: readInt(environment.HANDOFF_TIMEOUT_SECONDS, 30, 'HANDOFF_TIMEOUT_SECONDS', problems, 1, 600) * 1000,
      linkDays: readInt(environment.HANDOFF_LINK_DAYS, 7, 'HANDOFF_LINK_DAYS', problems, 1, 90),
      allowHttp: readBool(environment.HANDOFF_ALLOW_HTTP, !production, 'HANDOFF_ALLOW_HTTP', problems),
    },
    oidc: readOidc(environment, problems),
    staffOidc: readStaffOidc(environment, problems),
    devIdp: undefined,
  };
  const devIdp = readBool(environment.DEV_IDP, env === 'development' && !config.oidc && config.webProcesses === 1, 'DEV_IDP', problems);
  if (devIdp && production) problems.push('DEV_IDP must not be enabled when NODE_ENV=production (it signs anyone in as a test person)');
  if (devIdp && config.oidc) problems.push('DEV_IDP and OIDC_ISSUER exclude each other: the development IdP is the OIDC provider');
  if (config.webProcesses > 1 && !databaseUrl) {
    problems.push('WEB_PROCESSES above 1 needs DATABASE_URL (PostgreSQL): the embedded database belongs to one process');
  }
  if (config.webProcesses > 1 && devIdp) problems.push('DEV_IDP keeps its sign-ins in memory: run it with WEB_PROCESSES=1');
  if (devIdp) config.devIdp = { port: readInt(environment.DEV_IDP_PORT, port === 0 ? 0 : port + 1, 'DEV_IDP_PORT', problems, 0, 65535) };
  if (config.handoff.timeoutMs >= config.jobs.lockSeconds * 1000) {
    problems.push('HANDOFF_TIMEOUT_SECONDS must be shorter than JOB_LOCK_SECONDS (a delivery still under way would be taken again)');
  }
  if (!/^[A-Z]{2,6}$/.test(config.referencePrefix)) problems.push(`REFERENCE_PREFIX must be 2–6 capital letters, got "${config.referencePrefix}"`);
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  if (production && !config.smtpUrl) problems.push('SMTP_URL must be set when NODE_ENV=production (citizens get receipts and resume links by mail)');
  if (production && !config.sealP12Path) problems.push('SEAL_P12_PATH must be set when NODE_ENV=production (the e-seal on receipts)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
