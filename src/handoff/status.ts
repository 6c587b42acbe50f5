// Status back from a Fachverfahren: a status code, a text for the citizen and optionally a notice
// PDF. Applied once per event id (a retried call changes nothing): the status and its text join the
// application's timeline in the same transaction as the event, and a job then puts a message (with
// the notice) into the citizen's postbox – or mails it when the application has no account.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordStatus } from '../applications/index.ts';
import type { CaseStatus, Database } from '../platform/db/schema.ts';
import { isLang, translator } from '../platform/i18n/index.ts';
import { enqueue, type Job, type JobHandler } from '../platform/jobs/index.ts';
import { queueMail } from '../platform/mail/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import { NoPostboxError, type PostboxService } from '../postbox/index.ts';
import type { Integration } from './integrations.ts';

export const STATUS_JOB = 'handoff.status.notify';

export interface StatusReport {
  eventId: string;
  status: CaseStatus;
  /** The text the citizen reads, in German; `messageEn` for citizens who use English. */
  message: string;
  messageEn?: string;
  notice?: { filename: string; data: Buffer };
}

export class StatusError extends Error {
  constructor(readonly reason: 'not-found' | 'service' | 'conflict') {
    super(reason);
  }
}

interface NotifyPayload {
  applicationId: string;
  message: string;
  messageEn?: string;
  notice?: { key: string; filename: string };
}

export interface StatusDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  postbox: PostboxService;
  wake: () => void;
}

export function statusService(deps: StatusDeps) {
  const { db } = deps;

  /** Applies a report; `duplicate` when this event id was applied before (nothing changes then). */
  async function report(integration: Integration, applicationId: string, report: StatusReport): Promise<{ duplicate: boolean }> {
    const app = await db.selectFrom('applications').select(['id', 'service_id', 'status']).where('id', '=', applicationId).executeTakeFirst();
    if (!app || app.status !== 'submitted' || !app.service_id) throw new StatusError('not-found');
    if (!integration.serviceIds.includes(app.service_id)) throw new StatusError('service');
    // The notice is stored first under a key made from the event: a retry overwrites it with the same file.
    const eventKey = crypto.createHash('sha256').update(`${integration.id}\n${report.eventId}`).digest('hex');
    const notice = report.notice ? { key: `status/${eventKey}.pdf`, filename: report.notice.filename } : undefined;
    if (report.notice && notice) await deps.blobs.put(notice.key, [report.notice.data], report.notice.data.length);
    const outcome = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('status_events')
        .values({ integration_id: integration.id, event_id: report.eventId, application_id: applicationId, status: report.status })
        .onConflict((oc) => oc.doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!inserted) {
        const earlier = await trx
          .selectFrom('status_events')
          .select('application_id')
          .where('integration_id', '=', integration.id)
          .where('event_id', '=', report.eventId)
          .executeTakeFirstOrThrow();
        if (earlier.application_id !== applicationId) throw new StatusError('conflict');
        return { duplicate: true };
      }
      await recordStatus(trx, applicationId, report.status, report.message);
      const payload: NotifyPayload = { applicationId, message: report.message, messageEn: report.messageEn, notice };
      await enqueue(trx, STATUS_JOB, payload);
      return { duplicate: false };
    });
    if (!outcome.duplicate) deps.wake();
    return outcome;
  }

  /** Tells the citizen: a postbox message (with the notice), or a mail without an account. */
  const notify: JobHandler = async (job: Job) => {
    const p = job.payload as NotifyPayload;
    const app = await db.selectFrom('applications').select(['reference', 'email', 'lang']).where('id', '=', p.applicationId).executeTakeFirst();
    if (!app) return;
    const lang = isLang(app.lang) ? app.lang : 'de';
    const t = translator(lang);
    const subject = t('handoff.status.subject', { reference: app.reference ?? '' });
    const body = lang === 'en' && p.messageEn ? p.messageEn : p.message;
    const data = p.notice ? await deps.blobs.get(p.notice.key) : undefined;
    if (p.notice && !data) throw new Error(`notice ${p.notice.key} is missing from storage`);
    const attachments = p.notice && data ? [{ filename: p.notice.filename, mediaType: 'application/pdf', data }] : [];
    try {
      await deps.postbox.send({ applicationId: p.applicationId, kind: p.notice ? 'bescheid' : 'message', subject, body, attachments });
      return;
    } catch (error) {
      if (!(error instanceof NoPostboxError)) throw error;
    }
    if (!app.email) return;
    await queueMail(db, {
      to: app.email,
      subject,
      body,
      attachments: p.notice ? [{ filename: p.notice.filename, blobKey: p.notice.key, mediaType: 'application/pdf' }] : [],
    });
    deps.wake();
  };

  return { report, notify };
}

export type StatusService = ReturnType<typeof statusService>;
