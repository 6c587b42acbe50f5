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
import { deliveryJobHandler } from './deliver.ts';
import { linkSigner } from './links.ts';
import { registerFileLinks } from './routes/file-links.ts';
import { fitConnectClients } from './senders/fitconnect.ts';
import * as store from './store.ts';
import { appliesTo } from './targets.ts';

export { REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER, verifySignature } from './signature.ts';
export { DELIVERY_JOB } from './store.ts';

export interface HandoffSettings {
  publicUrl: string;
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
  receipt: (applicationId: string) => Promise<Buffer | undefined>;
  settings: HandoffSettings;
}

export function registerHandoff(app: FastifyInstance, deps: HandoffDeps): { jobs: Record<string, JobHandler> } {
  const { settings } = deps;
  const links = linkSigner(settings.masterSecret, settings.publicUrl, settings.linkDays);
  registerFileLinks(app, { db: deps.db, blobs: deps.blobs, links, receipt: deps.receipt });
  const deliver = deliveryJobHandler({
    ...deps,
    publicUrl: settings.publicUrl,
    links,
    fitConnect: fitConnectClients(),
    masterSecret: settings.masterSecret,
    timeoutMs: settings.timeoutMs,
  });
  return { jobs: { [store.DELIVERY_JOB]: deliver } };
}
