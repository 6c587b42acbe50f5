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
      reminded_on date,
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
  // Case handling on applications: the office's view of a submitted application, kept in columns so
  // that an inbox of a million cases filters and sorts on indexes.
  await sql`ALTER TABLE services ADD COLUMN processing_days integer NOT NULL DEFAULT 14 CHECK (processing_days BETWEEN 1 AND 365)`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN service_id uuid REFERENCES services (id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN case_status text`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN assignee_id uuid REFERENCES staff_users (id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN due_at timestamptz`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN applicant_name text NOT NULL DEFAULT ''`.execute(db);
  await sql`
    ALTER TABLE applications ADD COLUMN case_search tsvector GENERATED ALWAYS AS (
      to_tsvector('simple', coalesce(reference, '') || ' ' || applicant_name || ' ' || jsonb_path_query_array(answers, 'strict $.** ? (@.type() == "string" || @.type() == "number")')::text)
    ) STORED
  `.execute(db);
  await sql`CREATE INDEX applications_inbox ON applications (service_id, case_status, submitted_at DESC, id) WHERE status = 'submitted'`.execute(db);
  await sql`CREATE INDEX applications_assignee ON applications (assignee_id, submitted_at DESC) WHERE status = 'submitted'`.execute(db);
  await sql`CREATE INDEX applications_due ON applications (due_at) WHERE status = 'submitted'`.execute(db);
  await sql`CREATE INDEX applications_case_search ON applications USING gin (case_search)`.execute(db);
  await sql`
    CREATE TABLE case_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      author_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX case_notes_application ON case_notes (application_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      outcome text NOT NULL CHECK (outcome IN ('bewilligt', 'abgelehnt', 'teilweise')),
      body text NOT NULL,
      legal_remedy text NOT NULL,
      fee_cents integer NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
      pdf_key text NOT NULL,
      sha256 text NOT NULL,
      issued_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      supersedes uuid REFERENCES notices (id),
      supersede_reason text
    )
  `.execute(db);
  await sql`CREATE INDEX notices_application ON notices (application_id, issued_at)`.execute(db);
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
