// The back office (Sachbearbeitung): staff accounts with password and TOTP, roles and
// Organisationseinheiten, user administration and the audit log; case handling builds on it.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffOidcConfig } from '../config.ts';
import type { HandoffAdmin } from '../handoff/index.ts';
import { oidcFlow } from '../platform/auth/oidc.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Seal } from '../platform/pdf/index.ts';
import type { PostboxService } from '../postbox/index.ts';
import { noticeService } from './cases/notices.ts';
import { remindOverdue } from './cases/reminders.ts';
import { documentRequests } from './cases/requests.ts';
import { registerStaffSessionHook } from './http.ts';
import { registerAuditLog } from './routes/audit.tsx';
import { type CaseRouteDeps, registerCaseRoutes } from './routes/cases.tsx';
import { registerCatalogImport } from './routes/catalog-import.tsx';
import { registerDeliveries } from './routes/deliveries.tsx';
import { registerDigicheck } from './routes/digicheck.tsx';
import { registerDigicheckInvitation } from './routes/digicheck-invitation.tsx';
import { registerDigicheckModel } from './routes/digicheck-model.tsx';
import { registerDigicheckResults } from './routes/digicheck-result.tsx';
import { registerEditorial } from './routes/editorial.tsx';
import { registerFormAdmin } from './routes/forms.tsx';
import { registerInboxApi } from './routes/inbox-api.ts';
import { registerIntegrationAdmin } from './routes/integrations.tsx';
import { registerMatching } from './routes/matching.tsx';
import { registerOzgPages } from './routes/ozg.tsx';
import { PROVIDER_PATH, registerProviderSignIn } from './routes/provider-sign-in.tsx';
import { registerServiceSettings } from './routes/settings.tsx';
import { registerStaffSignIn } from './routes/sign-in.tsx';
import { registerTargetAdmin } from './routes/targets.tsx';
import { registerUserAdmin } from './routes/users.tsx';
import { type StaffSettings, staffService } from './staff/service.ts';
import type { SessionCache } from './staff/session-cache.ts';

export { STAFF_ROLES, StaffInputError, type StaffService, staffService } from './staff/service.ts';
export { staffSessionCache } from './staff/session-cache.ts';

export interface BackofficeDeps extends Omit<CaseRouteDeps, 'requests' | 'notices'> {
  seal: () => Promise<Seal>;
  db: Kysely<Database>;
  postbox: PostboxService;
  publicUrl: string;
  wake: () => void;
  settings: StaffSettings;
  cookieSecure: boolean;
  municipality: string;
  /** The staff identity provider, when configured. */
  provider?: StaffOidcConfig;
  /** Deliveries, targets and integrations of the hand-off to Fachverfahren. */
  handoff: HandoffAdmin;
  /** Staff sessions kept between requests (on PostgreSQL, while its notifications arrive). */
  sessions?: SessionCache;
}

export function registerBackoffice(app: FastifyInstance, deps: BackofficeDeps) {
  const staff = staffService(deps.db, deps.settings, undefined, deps.sessions);
  registerStaffSessionHook(app, staff);
  registerStaffSignIn(app, { staff, cookieSecure: deps.cookieSecure, municipality: deps.municipality, provider: Boolean(deps.provider) });
  if (deps.provider) {
    const flow = oidcFlow({ ...deps.provider, redirectUri: `${deps.publicUrl}${PROVIDER_PATH}/rueckkehr` });
    registerProviderSignIn(app, { staff, flow, cookieSecure: deps.cookieSecure, publicUrl: deps.publicUrl });
  }
  registerUserAdmin(app, { db: deps.db, staff });
  registerAuditLog(app, { db: deps.db });
  registerFormAdmin(app, { db: deps.db });
  registerServiceSettings(app, { db: deps.db });
  registerInboxApi(app, { db: deps.db });
  registerDeliveries(app, { db: deps.db, handoff: deps.handoff });
  registerIntegrationAdmin(app, { db: deps.db, handoff: deps.handoff });
  registerTargetAdmin(app, { db: deps.db, handoff: deps.handoff });
  registerOzgPages(app, { db: deps.db });
  registerMatching(app, { db: deps.db });
  registerCatalogImport(app, { db: deps.db });
  registerEditorial(app, { db: deps.db });
  registerDigicheck(app, { db: deps.db, publicUrl: deps.publicUrl });
  registerDigicheckInvitation(app, { db: deps.db });
  registerDigicheckResults(app, { db: deps.db, municipality: deps.municipality });
  registerDigicheckModel(app, { db: deps.db });
  const requests = documentRequests({ db: deps.db, postbox: deps.postbox, publicUrl: deps.publicUrl, municipality: deps.municipality, wake: deps.wake });
  const notices = noticeService({ db: deps.db, blobs: deps.blobs, postbox: deps.postbox, seal: deps.seal, municipality: deps.municipality, wake: deps.wake });
  registerCaseRoutes(app, { ...deps, requests, notices });
  return { staff, requests, remindOverdue: () => remindOverdue(deps.db, deps.publicUrl) };
}
