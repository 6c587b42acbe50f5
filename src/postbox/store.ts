// Every SQL statement of the postbox: messages between the authority and a citizen, and their files.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, MessageTable } from '../platform/db/schema.ts';

type Db = Kysely<Database>;

export type MessageRow = Selectable<MessageTable> & { reference: string | null };

export interface AttachmentRecord {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

const withReference = (db: Db) => db.selectFrom('messages as m').leftJoin('applications as a', 'a.id', 'm.application_id').selectAll('m').select('a.reference');

/** The account's messages, newest first: the inbox (to the citizen, not archived), the archive, or what they sent. */
export function messagesOf(db: Db, accountId: string, box: 'inbox' | 'archive' | 'sent'): Promise<MessageRow[]> {
  return withReference(db)
    .where('m.account_id', '=', accountId)
    .where('m.direction', '=', box === 'sent' ? 'from_citizen' : 'to_citizen')
    .$if(box === 'inbox', (q) => q.where('m.archived_at', 'is', null))
    .$if(box === 'archive', (q) => q.where('m.archived_at', 'is not', null))
    .orderBy('m.created_at', 'desc')
    .limit(500)
    .execute();
}

/** One message of the account (never another account's). */
export const findMessage = (db: Db, id: string, accountId: string): Promise<MessageRow | undefined> =>
  /^[0-9a-f-]{36}$/.test(id) ? withReference(db).where('m.id', '=', id).where('m.account_id', '=', accountId).executeTakeFirst() : Promise.resolve(undefined);

export const repliesTo = (db: Db, id: string, accountId: string) =>
  withReference(db).where('m.reply_to', '=', id).where('m.account_id', '=', accountId).orderBy('m.created_at').execute();

export async function unreadCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('direction', '=', 'to_citizen')
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const markRead = (db: Db, id: string) =>
  db.updateTable('messages').set({ read_at: sql`now()` }).where('id', '=', id).where('read_at', 'is', null).execute();

export const setArchived = (db: Db, id: string, archived: boolean) =>
  db
    .updateTable('messages')
    .set({ archived_at: archived ? sql`now()` : null })
    .where('id', '=', id)
    .execute();

export async function insertMessage(
  db: Db,
  m: {
    accountId: string;
    applicationId: string | null;
    direction: 'to_citizen' | 'from_citizen';
    kind?: 'message' | 'nachforderung' | 'bescheid';
    replyTo?: string;
    subject: string;
    body: string;
    dueAt?: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('messages')
    .values({
      account_id: m.accountId,
      application_id: m.applicationId,
      direction: m.direction,
      kind: m.kind ?? 'message',
      reply_to: m.replyTo ?? null,
      subject: m.subject,
      body: m.body,
      due_at: m.dueAt ?? null,
      // What the citizen sent is theirs to see, not news to them.
      read_at: m.direction === 'from_citizen' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAttachment(db: Db, messageId: string, a: AttachmentRecord): Promise<void> {
  await db
    .insertInto('message_attachments')
    .values({
      id: a.id,
      message_id: messageId,
      filename: a.filename,
      media_type: a.mediaType,
      size_bytes: a.sizeBytes,
      sha256: a.sha256,
      storage_key: a.storageKey,
    })
    .execute();
}

export async function attachmentsOf(db: Db, messageIds: string[]): Promise<(AttachmentRecord & { messageId: string })[]> {
  if (messageIds.length === 0) return [];
  const rows = await db.selectFrom('message_attachments').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storageKey: r.storage_key,
  }));
}

/** The account's e-mail and notification choice, to tell them a message is waiting. */
export const recipientOf = (db: Db, accountId: string) =>
  db.selectFrom('accounts').select(['email', 'email_verified_at', 'notify_by_mail', 'lang']).where('id', '=', accountId).executeTakeFirst();

/** The account an application belongs to. */
export const ownerOf = async (db: Db, applicationId: string) =>
  (await db.selectFrom('applications').select('account_id').where('id', '=', applicationId).executeTakeFirst())?.account_id ?? undefined;
