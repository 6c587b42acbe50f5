// Hand-off to Fachverfahren: each submission's deliveries are written in its own transaction (the
// outbox) and sent by the job worker to the service's targets – signed webhook, e-mail, FIT-Connect –
// or collected by a Fachverfahren through the pull API; failures retry with backoff and end in a
// dead letter an administrator can retry or cancel.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SubmittedHook } from '../applications/index.ts';
import type { FormVersions } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { JobHandler } from '../platform/jobs/index.ts';
import type { MailSender } from '../platform/mail/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { PostboxService } from '../postbox/index.ts';
import { deliveryJobHandler } from './deliver.ts';
import { type IntegrationService, integrationService } from './integrations.ts';
import { linkSigner } from './links.ts';
import { registerIntegrationApi } from './routes/api.ts';
import { registerFileLinks } from './routes/file-links.ts';
import { fitConnectClients } from './senders/fitconnect.ts';
import { STATUS_JOB, statusService } from './status.ts';
import * as store from './store.ts';
import { targetService } from './target-service.ts';
import { appliesTo } from './targets.ts';

export { type Integration, type IntegrationService, OPERATIONS, type Operation } from './integrations.ts';
export { REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER, verifySignature } from './signature.ts';
export { DELIVERY_JOB, type DeliveryFilter, type DeliveryRow } from './store.ts';
export { type TargetInput, TargetInputError } from './target-service.ts';
export { TARGET_KINDS, type Target } from './targets.ts';

export interface HandoffSettings {
  publicUrl: string;
  /** The header with the client certificate's SHA-256 from the TLS proxy (API keys bound to a certificate). */
  certHeader: string | undefined;
  /** Largest notice PDF a Fachverfahren may send with a status. */
  maxNoticeBytes: number;
  /** SESSION_SECRET: encrypts targets' secrets at rest and signs file links. */
  masterSecret: string;
  maxAttempts: number;
  timeoutMs: number;
  linkDays: number;
  allowHttp: boolean;
}

/** Runs in the submission's transaction: one delivery per target whose condition the answers meet. */
export function handoffOutbox(maxAttempts: number): SubmittedHook {
  return async (trx, submitted) => {
    const targets = (await store.targetsOfForm(trx, submitted.formId)).filter((t) => appliesTo(t, submitted.answers));
    await store.addDeliveries(trx, submitted.id, targets, maxAttempts);
  };
}

export interface HandoffDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  blobs: BlobStore;
  mail: MailSender;
  postbox: PostboxService;
  wake: () => void;
  receipt: (applicationId: string) => Promise<Buffer | undefined>;
  settings: HandoffSettings;
}

export function registerHandoff(app: FastifyInstance, deps: HandoffDeps) {
  const { settings } = deps;
  const links = linkSigner(settings.masterSecret, settings.publicUrl, settings.linkDays);
  registerFileLinks(app, { db: deps.db, blobs: deps.blobs, links, receipt: deps.receipt });
  const integrations = integrationService({ db: deps.db, masterSecret: settings.masterSecret, issuer: settings.publicUrl });
  const status = statusService(deps);
  registerIntegrationApi(app, {
    ...deps,
    publicUrl: settings.publicUrl,
    integrations,
    status,
    certHeader: settings.certHeader,
    maxNoticeBytes: settings.maxNoticeBytes,
  });
  const deliver = deliveryJobHandler({
    ...deps,
    publicUrl: settings.publicUrl,
    links,
    fitConnect: fitConnectClients(),
    masterSecret: settings.masterSecret,
    timeoutMs: settings.timeoutMs,
  });
  const jobs: Record<string, JobHandler> = { [store.DELIVERY_JOB]: deliver, [STATUS_JOB]: status.notify };
  return { jobs, admin: handoffAdmin(deps, integrations) };
}

/** What the back office's administration pages do with deliveries, targets and integrations. */
function handoffAdmin(deps: HandoffDeps, integrations: IntegrationService) {
  const { db, settings } = deps;
  return {
    listDeliveries: (filter: store.DeliveryFilter, limit: number) => store.listDeliveries(db, filter, limit),
    countDeliveries: () => store.countDeliveries(db),
    findDelivery: (id: string) => store.findDelivery(db, id),
    async retry(id: string): Promise<boolean> {
      const done = await store.retryDelivery(db, id, settings.maxAttempts);
      if (done) deps.wake();
      return done;
    },
    cancel: (id: string) => store.cancelDelivery(db, id),
    targets: targetService({ db, forms: deps.forms, masterSecret: settings.masterSecret, allowHttp: settings.allowHttp }),
    listTargets: () => store.listTargets(db),
    findTarget: (id: string) => store.findTarget(db, id),
    servicesWithForms: () => store.servicesWithForms(db),
    integrations,
  };
}

export type HandoffAdmin = ReturnType<typeof handoffAdmin>;
