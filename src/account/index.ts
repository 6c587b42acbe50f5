// The citizen account (Servicekonto): local and eID sign-in with trust levels, server-side sessions,
// settings, and the postbox. Other modules learn who is signed in from `request.citizen`.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { OidcConfig } from '../config.ts';
import type { Database } from '../platform/db/schema.ts';
import { registerSessionHook } from './http.ts';
import { oidcClient } from './oidc/client.ts';
import { registerEidRoutes } from './routes/eid.tsx';
import { type OverviewDeps, registerOverviewRoute } from './routes/overview.tsx';
import { registerRegistrationRoutes } from './routes/register.tsx';
import { registerSettingsRoutes } from './routes/settings.tsx';
import { registerSignInRoutes } from './routes/sign-in.tsx';
import { type AccountSettings, accountService } from './service.ts';
import { type SessionSettings, sessions as sessionStore } from './sessions.ts';

export type { DevIdp } from './dev-idp/index.ts';

type DevIdpModule = typeof import('./dev-idp/index.ts');
// Loaded only when used: production never loads oidc-provider.
export const startDevIdp: DevIdpModule['startDevIdp'] = async (...args) => (await import('./dev-idp/index.ts')).startDevIdp(...args);
export const startPortalDevIdp: DevIdpModule['startPortalDevIdp'] = async (...args) => (await import('./dev-idp/index.ts')).startPortalDevIdp(...args);
export { citizenOr, SESSION_COOKIE } from './http.ts';
export { meets as meetsTrustLevel } from './oidc/trust.ts';
export { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
export { DEFAULT_LIMITS, type Lock, type LoginLimits, loginLimiter } from './rate-limit.ts';
export type { AccountService, AccountSettings } from './service.ts';
export type { Session } from './sessions.ts';
export { type LinkTokens, linkTokens } from './tokens.ts';

export interface AccountDeps extends OverviewDeps {
  /** The eID provider; without it there is no eID sign-in (and forms that need a trust level cannot be used). */
  oidc: OidcConfig | undefined;
  /** Unread postbox messages of an account, for the header. */
  unread: (accountId: string) => Promise<number>;
  db: Kysely<Database>;
  settings: AccountSettings & SessionSettings;
  cookieSecure: boolean;
  wake: () => void;
  now?: () => Date;
}

export function registerAccount(app: FastifyInstance, deps: AccountDeps) {
  const now = deps.now ?? (() => new Date());
  const sessions = sessionStore(deps.db, deps.settings, now);
  const service = accountService({ db: deps.db, sessions, settings: deps.settings, wake: deps.wake, now });
  registerSessionHook(app, { sessions, unread: deps.unread, cookieSecure: deps.cookieSecure });
  const routeDeps = { service, sessions, cookieSecure: deps.cookieSecure, db: deps.db, eid: Boolean(deps.oidc) };
  if (deps.oidc) {
    const client = oidcClient({ ...deps.oidc, redirectUri: `${deps.settings.publicUrl}/konto/eid/rueckkehr` });
    registerEidRoutes(app, { service, client, cookieSecure: deps.cookieSecure, publicUrl: deps.settings.publicUrl });
  }
  registerSignInRoutes(app, routeDeps);
  registerRegistrationRoutes(app, routeDeps);
  registerSettingsRoutes(app, routeDeps);
  registerOverviewRoute(app, deps);
  return { service, sessions };
}
