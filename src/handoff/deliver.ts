// The job that sends one delivery. It checks the delivery is still the one this job was made for
// (not cancelled, not retried under a newer job), builds the package, sends it to the target under
// one deadline and records the outcome. A failure is rethrown so the job queue retries it with
// backoff; on the last allowed attempt the delivery is left failed for an administrator.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { Job, JobHandler } from '../platform/jobs/index.ts';
import { type MailSender, recordMail } from '../platform/mail/index.ts';
import { decryptSecret } from '../platform/secrets.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { LinkSigner } from './links.ts';
import { buildPackage, type PackageDeps } from './package.ts';
import { officeMail } from './senders/email.ts';
import { DeliveryError } from './senders/errors.ts';
import { type FitConnectClients, sendFitConnect } from './senders/fitconnect.ts';
import { sendWebhook } from './senders/webhook.ts';
import * as store from './store.ts';

export interface DeliverDeps extends PackageDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  links: LinkSigner;
  mail: MailSender;
  fitConnect: FitConnectClients;
  /** Decrypts a target's stored secret (SESSION_SECRET is the key). */
  masterSecret: string;
  timeoutMs: number;
}

const secretOf = (deps: DeliverDeps, sealed: string | null) => {
  if (!sealed) throw new DeliveryError('the target has no secret configured');
  return decryptSecret(deps.masterSecret, sealed);
};

async function send(deps: DeliverDeps, work: store.DeliveryWork, job: Job, signal: AbortSignal): Promise<string | undefined> {
  const pkg = await buildPackage(deps, work.applicationId);
  const { target } = work;
  switch (target.kind) {
    case 'webhook':
      await sendWebhook(deps, { deliveryId: work.id, attempt: job.attempts, settings: target.settings, secret: secretOf(deps, target.secret), pkg, signal });
      return undefined;
    case 'email': {
      // The mail is written once and its id kept first: every retry sends that same mail.
      const mailId = work.remoteId ?? (await recordMail(deps.db, officeMail(target.settings, pkg, deps.publicUrl)));
      if (!work.remoteId) await store.recordRemoteId(deps.db, work.id, mailId);
      await deps.mail(mailId);
      return mailId;
    }
    case 'fitconnect':
      return sendFitConnect(deps, { target, clientSecret: secretOf(deps, target.secret), pkg, signal });
    case 'pull':
      throw new DeliveryError('a pull target is collected by its Fachverfahren, not sent');
  }
}

export function deliveryJobHandler(deps: DeliverDeps): JobHandler {
  return async (job) => {
    const { deliveryId } = job.payload as { deliveryId: string };
    const work = await store.deliveryWork(deps.db, deliveryId);
    if (!work || work.state !== 'queued' || work.jobId !== job.id) return;
    try {
      const remoteId = await send(deps, work, job, AbortSignal.timeout(deps.timeoutMs));
      await store.recordDelivered(deps.db, work.id, job.attempts, remoteId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.recordFailure(deps.db, work.id, job.attempts, message, job.attempts >= job.maxAttempts);
      throw error;
    }
  };
}
