import { type Kysely, sql } from 'kysely';

// Every web process keeps the staff sessions it has looked up (see backoffice/staff/session-cache.ts).
// A change to who staff are, what they may do or whether a session is valid tells all processes at
// commit, so that each drops what it keeps: one notification per statement, whatever it changed.
// Seeing a session again (`last_seen_at`) and new sessions change nothing that is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION staff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('amtsweg_staff', TG_TABLE_NAME);
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`CREATE TRIGGER staff_users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON staff_users FOR EACH STATEMENT EXECUTE FUNCTION staff_changed()`.execute(
    db,
  );
  await sql`CREATE TRIGGER staff_memberships_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_memberships FOR EACH STATEMENT EXECUTE FUNCTION staff_changed()`.execute(
    db,
  );
  await sql`CREATE TRIGGER staff_sessions_changed AFTER UPDATE OF token_hash, user_id, stage, expires_at OR DELETE OR TRUNCATE ON staff_sessions FOR EACH STATEMENT EXECUTE FUNCTION staff_changed()`.execute(
    db,
  );
}
