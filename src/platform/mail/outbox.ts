// Mail goes out through an outbox: written in the transaction of whatever caused it, sent by a job.
// Without SMTP_URL (development) a mail is kept for the /dev/mails page instead of being sent.
import type { Kysely, Transaction } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database, MailAttachmentRef } from '../db/schema.ts';
import { enqueue, type Job, type JobHandler } from '../jobs/index.ts';
import type { BlobStore } from '../storage/index.ts';

export const MAIL_JOB = 'mail.send';

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text only: nothing a citizen typed can become markup in a mail client. */
  body: string;
  attachments?: MailAttachmentRef[];
}

/** Writes a mail into the outbox for a job to send. */
export async function queueMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<string> {
  const id = await recordMail(db, mail);
  await enqueue(db, MAIL_JOB, { mailId: id });
  return id;
}

/** Writes a mail into the outbox for a caller that sends it itself (with `mailSender`) and retries on its own terms. */
export async function recordMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<string> {
  const row = await db
    .insertInto('mails')
    .values({ recipient: mail.to, subject: mail.subject, body: mail.body, attachments: JSON.stringify(mail.attachments ?? []) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface MailSettings {
  /** smtp(s)://user:pass@host:port; undefined keeps mails in the outbox (development). */
  smtpUrl: string | undefined;
  from: string;
}

export const mailJobHandler =
  (send: MailSender): JobHandler =>
  (job: Job) =>
    send((job.payload as { mailId: string }).mailId);

export type MailSender = (mailId: string) => Promise<void>;

/** Sends one mail of the outbox through SMTP (or keeps it, without SMTP_URL); throws if the server refuses. */
export function mailSender(db: Kysely<Database>, blobs: BlobStore, settings: MailSettings): MailSender {
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : undefined;
  return async (mailId: string) => {
    const mail = await db.selectFrom('mails').selectAll().where('id', '=', mailId).executeTakeFirst();
    if (!mail || mail.status === 'sent' || mail.status === 'kept') return;
    if (!transport) {
      await db.updateTable('mails').set({ status: 'kept' }).where('id', '=', mailId).execute();
      return;
    }
    const attachments = await Promise.all(
      mail.attachments.map(async (a) => {
        const content = await blobs.get(a.blobKey);
        if (!content) throw new Error(`attachment ${a.blobKey} is missing`);
        return { filename: a.filename, content, contentType: a.mediaType };
      }),
    );
    try {
      await transport.sendMail({ from: settings.from, to: mail.recipient, subject: mail.subject, text: mail.body, attachments });
    } catch (error) {
      await db
        .updateTable('mails')
        .set({ last_error: String((error as Error).message).slice(0, 1000) })
        .where('id', '=', mailId)
        .execute();
      throw error;
    }
    await db.updateTable('mails').set({ status: 'sent', sent_at: new Date(), last_error: null }).where('id', '=', mailId).execute();
  };
}

export async function recentMails(db: Kysely<Database>, limit: number) {
  return db.selectFrom('mails').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export async function findMail(db: Kysely<Database>, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return db.selectFrom('mails').selectAll().where('id', '=', id).executeTakeFirst();
}
