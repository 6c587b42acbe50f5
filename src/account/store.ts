// Every SQL statement about accounts, sessions, mail-link tokens and failed sign-ins.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AccountTable, Database, TrustLevel } from '../platform/db/schema.ts';

export type Db = Kysely<Database>;

export type AccountRow = Selectable<AccountTable>;

export interface SessionRecord {
  accountId: string;
  trustLevel: TrustLevel;
  identity: Record<string, string>;
  lastSeenAt: Date;
  expiresAt: Date;
  account: AccountRow;
}

export const findAccountByEmail = (db: Db, email: string) =>
  db.selectFrom('accounts').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();

export const findAccount = (db: Db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export async function createAccount(
  db: Db,
  values: { email: string | null; passwordHash: string | null; lang: 'de' | 'en'; verified?: boolean },
): Promise<string> {
  const row = await db
    .insertInto('accounts')
    .values({ email: values.email, password_hash: values.passwordHash, lang: values.lang, email_verified_at: values.verified ? new Date() : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const updateAccount = (
  db: Db,
  id: string,
  values: Partial<
    Pick<
      AccountRow,
      'email' | 'email_verified_at' | 'password_hash' | 'given_name' | 'family_name' | 'organisation_name' | 'organisation_register' | 'notify_by_mail'
    >
  >,
) =>
  db
    .updateTable('accounts')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();

export const deleteAccount = (db: Db, id: string) => db.deleteFrom('accounts').where('id', '=', id).execute();

export const accountOfIdentity = async (db: Db, issuer: string, subject: string) =>
  (await db.selectFrom('account_identities').select('account_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst())?.account_id;

export const linkIdentity = (db: Db, issuer: string, subject: string, accountId: string) =>
  db
    .insertInto('account_identities')
    .values({ issuer, subject, account_id: accountId })
    .onConflict((oc) => oc.doNothing())
    .execute();

// Sessions --------------------------------------------------------------------------------------

export async function createSession(
  db: Db,
  s: { tokenHash: string; accountId: string; trustLevel: TrustLevel; identity: Record<string, string>; userAgent: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('account_sessions')
    .values({
      token_hash: s.tokenHash,
      account_id: s.accountId,
      trust_level: s.trustLevel,
      identity: JSON.stringify(s.identity),
      user_agent: s.userAgent.slice(0, 300),
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('account_sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .selectAll('a')
    .select(['s.trust_level', 's.identity', 's.last_seen_at', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { trust_level, identity, last_seen_at, expires_at, ...account } = row;
  return { accountId: account.id, trustLevel: trust_level, identity, lastSeenAt: last_seen_at, expiresAt: expires_at, account };
}

export const touchSession = (db: Db, tokenHash: string, at: Date) =>
  db.updateTable('account_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();

export const deleteSession = (db: Db, tokenHash: string) => db.deleteFrom('account_sessions').where('token_hash', '=', tokenHash).execute();

/** Signs an account out everywhere, except the session given (the one that asked). */
export const deleteSessionsOf = (db: Db, accountId: string, except?: string) =>
  db
    .deleteFrom('account_sessions')
    .where('account_id', '=', accountId)
    .$if(except !== undefined, (q) => q.where('token_hash', '<>', except as string))
    .execute();

export const countSessions = async (db: Db, accountId: string) =>
  Number(
    (
      await db
        .selectFrom('account_sessions')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .where('expires_at', '>', new Date())
        .executeTakeFirstOrThrow()
    ).n,
  );

// One-time tokens for links in mails ----------------------------------------------------------------

export async function createToken(
  db: Db,
  t: { tokenHash: string; accountId: string; purpose: 'verify' | 'reset' | 'email' | 'claim'; payload?: Record<string, string>; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({ token_hash: t.tokenHash, account_id: t.accountId, purpose: t.purpose, payload: JSON.stringify(t.payload ?? {}), expires_at: t.expiresAt })
    .execute();
}

/** Marks a valid, unused token as used and returns it; a second use finds nothing. */
export const useToken = (db: Db, tokenHash: string, purpose: string, now: Date, accountId?: string) =>
  db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId as string))
    .where('purpose', '=', purpose as 'verify')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['account_id', 'payload'])
    .executeTakeFirst();

// Events counted for rate limits ---------------------------------------------------------------------

export const recordEvents = (db: Db, keys: string[]) =>
  db
    .insertInto('rate_events')
    .values(keys.map((key) => ({ key })))
    .execute();

export async function eventsSince(db: Db, key: string, since: Date): Promise<{ count: number; oldest: Date | undefined }> {
  const row = await db
    .selectFrom('rate_events')
    .select((e) => [e.fn.countAll<string>().as('n'), e.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest ? new Date(row.oldest) : undefined };
}

export const clearEvents = (db: Db, key: string) => db.deleteFrom('rate_events').where('key', '=', key).execute();

// Housekeeping ----------------------------------------------------------------------------------------

export async function purgeExpired(db: Db, now: Date, unverifiedBefore: Date, eventsBefore: Date): Promise<{ sessions: number; accounts: number }> {
  const sessions = await db.deleteFrom('account_sessions').where('expires_at', '<', now).executeTakeFirst();
  await db.deleteFrom('account_tokens').where('expires_at', '<', now).execute();
  await db.deleteFrom('rate_events').where('at', '<', eventsBefore).execute();
  const accounts = await db
    .deleteFrom('accounts')
    .where('email_verified_at', 'is', null)
    .where('created_at', '<', unverifiedBefore)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('account_identities').select('subject').whereRef('account_identities.account_id', '=', 'accounts.id'))),
    )
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), accounts: Number(accounts.numDeletedRows) };
}
