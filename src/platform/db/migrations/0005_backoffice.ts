import { type Kysely, sql } from 'kysely';

// The back office: staff accounts (roles, Organisationseinheiten, password + TOTP), their sessions,
// which offices handle which service, and the append-only audit log with a hash chain.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff_users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      roles text[] NOT NULL DEFAULT '{}',
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      active boolean NOT NULL DEFAULT true,
      last_sign_in_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (roles <@ ARRAY['sachbearbeitung', 'teamleitung', 'redaktion', 'ozg_koordination', 'administration']::text[])
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX staff_users_email ON staff_users (lower(email))`.execute(db);
  await sql`
    CREATE TABLE staff_memberships (
      user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, organisation_id)
    )
  `.execute(db);
  await sql`CREATE INDEX staff_memberships_organisation ON staff_memberships (organisation_id)`.execute(db);
  await sql`
    CREATE TABLE service_organisations (
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      PRIMARY KEY (service_id, organisation_id)
    )
  `.execute(db);
  await sql`INSERT INTO service_organisations (service_id, organisation_id) SELECT id, organisation_id FROM services WHERE organisation_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE staff_sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
      stage text NOT NULL CHECK (stage IN ('password', 'complete')),
      user_agent text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX staff_sessions_user ON staff_sessions (user_id)`.execute(db);
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_type text NOT NULL CHECK (actor_type IN ('staff', 'system')),
      actor_id text NOT NULL,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, id)`.execute(db);
  // Append-only for the application: changes and deletions are refused. Someone who disables the
  // trigger is still caught by the hash chain (`amtsweg audit verify`).
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END
    $$
  `.execute(db);
  await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}
