// Every SQL statement of the privacy module: all that is stored about an account, for the export
// (Art. 15/20 DSGVO), and the deletion of the account (Art. 17) with what the law lets go.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';

type Db = Kysely<Database>;

export async function collect(db: Db, accountId: string) {
  const account = await db
    .selectFrom('accounts')
    .select([
      'id',
      'email',
      'email_verified_at',
      'given_name',
      'family_name',
      'organisation_name',
      'organisation_register',
      'notify_by_mail',
      'lang',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
  const identities = await db.selectFrom('account_identities').select(['issuer', 'subject', 'created_at']).where('account_id', '=', accountId).execute();
  const sessions = await db
    .selectFrom('account_sessions')
    .select(['trust_level', 'identity', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('account_id', '=', accountId)
    .execute();
  const applications = await db
    .selectFrom('applications')
    .select(['id', 'form_id', 'form_version', 'status', 'reference', 'answers', 'email', 'on_behalf_of', 'created_at', 'submitted_at', 'receipt_key'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  const ids = applications.map((a) => a.id);
  const events = ids.length
    ? await db
        .selectFrom('application_events')
        .select(['application_id', 'status', 'note', 'created_at'])
        .where('application_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const uploads = ids.length
    ? await db
        .selectFrom('uploads')
        .select(['id', 'application_id', 'field_path', 'filename', 'media_type', 'size_bytes', 'storage_key', 'created_at'])
        .where('application_id', 'in', ids)
        .execute()
    : [];
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'application_id', 'direction', 'kind', 'subject', 'body', 'read_at', 'archived_at', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  const messageIds = messages.map((m) => m.id);
  const attachments = messageIds.length
    ? await db
        .selectFrom('message_attachments')
        .select(['id', 'message_id', 'filename', 'media_type', 'size_bytes', 'storage_key'])
        .where('message_id', 'in', messageIds)
        .execute()
    : [];
  return { account, identities, sessions, applications, events, uploads, messages, attachments };
}

export type Collected = Awaited<ReturnType<typeof collect>>;

/** How many submitted applications stay (unlinked) when the account goes. */
export async function submittedCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Deletes the account: its drafts with their files go; submitted applications and the messages about
 * them stay with the authority (retention duties) but no longer point to an account. Returns the
 * storage keys of the deleted drafts' files.
 */
export async function deleteAccount(db: Db, accountId: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const drafts = await trx.selectFrom('applications').select('id').where('account_id', '=', accountId).where('status', '=', 'draft').execute();
    const draftIds = drafts.map((d) => d.id);
    const keys = draftIds.length
      ? (await trx.selectFrom('uploads').select('storage_key').where('application_id', 'in', draftIds).execute()).map((u) => u.storage_key)
      : [];
    if (draftIds.length) await trx.deleteFrom('applications').where('id', 'in', draftIds).execute();
    // Messages not about an application have nothing to be kept for.
    const loose = await trx.selectFrom('messages').select('id').where('account_id', '=', accountId).where('application_id', 'is', null).execute();
    if (loose.length) {
      const looseIds = loose.map((m) => m.id);
      keys.push(...(await trx.selectFrom('message_attachments').select('storage_key').where('message_id', 'in', looseIds).execute()).map((a) => a.storage_key));
      await trx.deleteFrom('messages').where('id', 'in', looseIds).execute();
    }
    // Submitted applications and messages keep their rows; the foreign keys set account_id to null.
    await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
    return keys;
  });
}
