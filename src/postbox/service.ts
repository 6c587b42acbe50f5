// The postbox (Behördenpostfach) as operations: the authority sends a message (with files such as a
// notice) to the account an application belongs to; the citizen reads, archives, replies and, for a
// Nachforderung, hands in documents that join the application. No HTTP here.
import type { Kysely } from 'kysely';
import { addDocument } from '../applications/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { translator } from '../platform/i18n/index.ts';
import { queueMail } from '../platform/mail/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { PostedFile } from './multipart.ts';
import * as store from './store.ts';

export interface PostboxSettings {
  publicUrl: string;
  municipality: string;
  maxFileBytes: number;
  maxApplicationBytes: number;
}

export interface PostboxDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  settings: PostboxSettings;
  wake: () => void;
  /** Told when documents for a Nachforderung arrive (the back office puts the case back into review). */
  onHandIn?: (applicationId: string) => Promise<void>;
}

export interface OutgoingMessage {
  /** The application the message is about; its account receives it. */
  applicationId: string;
  subject: string;
  body: string;
  kind?: 'message' | 'nachforderung' | 'bescheid';
  /** For a Nachforderung: by when the documents are due. */
  dueAt?: Date;
  attachments?: { filename: string; mediaType: string; data: Buffer }[];
}

export class NoPostboxError extends Error {
  readonly code = 'NO_POSTBOX';
}

export function postboxService(deps: PostboxDeps) {
  const { db, blobs, settings } = deps;

  /** Tells the citizen by mail that a message is waiting: a link only, never the content. */
  async function notify(accountId: string): Promise<void> {
    const recipient = await store.recipientOf(db, accountId);
    if (!recipient?.email || !recipient.email_verified_at || !recipient.notify_by_mail) return;
    const t = translator(recipient.lang);
    await queueMail(db, {
      to: recipient.email,
      subject: t('mail.postbox.subject'),
      body: t('mail.postbox.body', { url: `${settings.publicUrl}/konto/postfach`, municipality: settings.municipality }),
    });
    deps.wake();
  }

  /** Delivers a message from the authority; throws NoPostboxError if the application has no account. */
  async function send(message: OutgoingMessage): Promise<string> {
    const accountId = await store.ownerOf(db, message.applicationId);
    if (!accountId) throw new NoPostboxError(`application ${message.applicationId} belongs to no account`);
    const id = await store.insertMessage(db, { ...message, accountId, direction: 'to_citizen' });
    for (const a of message.attachments ?? []) {
      const attachmentId = crypto.randomUUID();
      const storageKey = `messages/${id}/${attachmentId}`;
      const blob = await blobs.put(storageKey, [a.data], a.data.length);
      await store.insertAttachment(db, id, {
        id: attachmentId,
        filename: a.filename,
        mediaType: a.mediaType,
        sizeBytes: blob.size,
        sha256: blob.sha256,
        storageKey,
      });
    }
    await notify(accountId);
    return id;
  }

  /** The citizen's reply; it lands with the application for the back office. */
  async function reply(accountId: string, to: store.MessageRow, body: string, files: PostedFile[], subject?: string): Promise<string> {
    const id = await store.insertMessage(db, {
      accountId,
      applicationId: to.application_id,
      direction: 'from_citizen',
      replyTo: to.id,
      subject: subject ?? (to.subject.startsWith('AW: ') ? to.subject : `AW: ${to.subject}`),
      body,
    });
    for (const f of files) await store.insertAttachment(db, id, f);
    return id;
  }

  /** Documents handed in for a Nachforderung: part of the application, and a reply that says so. */
  async function handIn(accountId: string, request: store.MessageRow, files: PostedFile[], note: string, subject: string): Promise<string> {
    if (!request.application_id) throw new Error('a Nachforderung belongs to an application');
    for (const f of files) await addDocument(db, request.application_id, { ...f, fieldPath: `nachforderung/${request.id}` });
    const id = await reply(accountId, request, note, files, subject);
    await deps.onHandIn?.(request.application_id);
    return id;
  }

  return {
    settings,
    send,
    reply,
    handIn,
    unread: (accountId: string) => store.unreadCount(db, accountId),
  };
}

export type PostboxService = ReturnType<typeof postboxService>;
