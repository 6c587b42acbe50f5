// Every SQL statement about staff accounts, their Organisationseinheiten and their sessions.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, StaffRole, StaffUserTable } from '../../platform/db/schema.ts';

type Db = Kysely<Database>;

export type StaffRow = Selectable<StaffUserTable>;

export interface StaffUser extends StaffRow {
  organisationIds: string[];
}

async function withOrganisations(db: Db, row: StaffRow | undefined): Promise<StaffUser | undefined> {
  if (!row) return undefined;
  const orgs = await db.selectFrom('staff_memberships').select('organisation_id').where('user_id', '=', row.id).execute();
  return { ...row, organisationIds: orgs.map((o) => o.organisation_id) };
}

/** A session with its user and the user's offices, in one query (it runs on every back-office request). */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.stage', 's.expires_at', 's.last_seen_at'])
    .select(sql<string[]>`ARRAY(SELECT m.organisation_id FROM staff_memberships m WHERE m.user_id = u.id)`.as('organisation_ids'))
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { stage, expires_at, last_seen_at, organisation_ids, ...user } = row;
  return { stage, expires_at, last_seen_at, user: { ...user, organisationIds: organisation_ids } as StaffUser };
}

export const findByEmail = async (db: Db, email: string) =>
  withOrganisations(db, await db.selectFrom('staff_users').selectAll().where(sql<string>`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst());

export const findByOidcSubject = async (db: Db, subject: string) =>
  withOrganisations(db, await db.selectFrom('staff_users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst());

export const bindOidcSubject = (db: Db, id: string, subject: string) =>
  db.updateTable('staff_users').set({ oidc_subject: subject, updated_at: sql`now()` }).where('id', '=', id).where('oidc_subject', 'is', null).execute();

export const findById = async (db: Db, id: string) =>
  /^[0-9a-f-]{36}$/.test(id) ? withOrganisations(db, await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst()) : undefined;

export async function listUsers(db: Db): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').selectAll().orderBy('name').execute();
  const memberships = await db.selectFrom('staff_memberships').selectAll().execute();
  return rows.map((r) => ({ ...r, organisationIds: memberships.filter((m) => m.user_id === r.id).map((m) => m.organisation_id) }));
}

export async function createUser(
  db: Db,
  u: { email: string; name: string; passwordHash: string; roles: StaffRole[]; organisationIds: string[] },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('staff_users')
      .values({ email: u.email, name: u.name, password_hash: u.passwordHash, roles: u.roles })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (u.organisationIds.length > 0) {
      await trx
        .insertInto('staff_memberships')
        .values(u.organisationIds.map((organisation_id) => ({ user_id: id, organisation_id })))
        .execute();
    }
    return id;
  });
}

export async function updateAccess(db: Db, id: string, access: { roles: StaffRole[]; organisationIds: string[]; active: boolean }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_users').set({ roles: access.roles, active: access.active, updated_at: new Date() }).where('id', '=', id).execute();
    await trx.deleteFrom('staff_memberships').where('user_id', '=', id).execute();
    if (access.organisationIds.length > 0) {
      await trx
        .insertInto('staff_memberships')
        .values(access.organisationIds.map((organisation_id) => ({ user_id: id, organisation_id })))
        .execute();
    }
    if (!access.active) await trx.deleteFrom('staff_sessions').where('user_id', '=', id).execute();
  });
}

export const setTotp = (db: Db, id: string, sealedSecret: string | null, enabledAt: Date | null) =>
  db.updateTable('staff_users').set({ totp_secret: sealedSecret, totp_enabled_at: enabledAt, updated_at: new Date() }).where('id', '=', id).execute();

export const setPassword = (db: Db, id: string, passwordHash: string) =>
  db.updateTable('staff_users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute();

export const markSignedIn = (db: Db, id: string, at: Date) => db.updateTable('staff_users').set({ last_sign_in_at: at }).where('id', '=', id).execute();

export const organisations = (db: Db) => db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();

// Sessions ------------------------------------------------------------------------------------------

export const createSession = (db: Db, s: { tokenHash: string; userId: string; stage: 'password' | 'complete'; userAgent: string; expiresAt: Date }) =>
  db
    .insertInto('staff_sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, stage: s.stage, user_agent: s.userAgent.slice(0, 300), expires_at: s.expiresAt })
    .execute();

export const completeSession = (db: Db, tokenHash: string) =>
  db.updateTable('staff_sessions').set({ stage: 'complete' }).where('token_hash', '=', tokenHash).execute();

export const touchSession = (db: Db, tokenHash: string, at: Date) =>
  db.updateTable('staff_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();

export const deleteSession = (db: Db, tokenHash: string) => db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();

/** A notification on the staff channel (see session-cache.ts), sent on commit. */
export const notifyStaff = (db: Db, channel: string, payload: string) => sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
