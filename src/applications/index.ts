// The citizen's application: drafts saved after every step, uploads, submission with a reference
// number, the sealed receipt and the confirmation mail.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { LinkTokens } from '../account/index.ts';
import type { FormVersions } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { JobHandler } from '../platform/jobs/index.ts';
import type { Seal } from '../platform/pdf/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import { registerAccountApplicationRoutes } from './account-routes.tsx';
import { registerApplicationRoutes } from './routes.tsx';
import { type ApplicationService, type ApplicationSettings, applicationService } from './service.ts';
import { RECEIPT_JOB, type SubmittedHook } from './store.ts';

export { receiptKeyOf, sha256 } from './receipt.ts';
export type { ApplicationService, ApplicationSettings } from './service.ts';
export { countApplicationsOf, insertUpload as addDocument, recordStatus, type SubmittedHook, type UploadRecord, uploadsOf } from './store.ts';
export { cleanFilename, type StoredUpload, sniffType, storeUpload, UploadRejectedError } from './uploads.ts';
export { AnswerSections } from './views/answers.tsx';

export interface ApplicationsDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  blobs: BlobStore;
  seal: () => Promise<Seal>;
  settings: ApplicationSettings;
  cookieSecure: boolean;
  wake: () => void;
  /** Runs in each submission's transaction (the hand-off outbox). */
  onSubmitted?: SubmittedHook;
  /** One-time links by mail (claiming an application); from the account module. */
  tokens: LinkTokens;
}

export function registerApplications(app: FastifyInstance, deps: ApplicationsDeps): { service: ApplicationService; jobs: Record<string, JobHandler> } {
  const service = applicationService(deps);
  registerApplicationRoutes(app, { db: deps.db, forms: deps.forms, blobs: deps.blobs, service, cookieSecure: deps.cookieSecure });
  registerAccountApplicationRoutes(app, { ...deps, service });
  return { service, jobs: { [RECEIPT_JOB]: service.receiptJob } };
}
