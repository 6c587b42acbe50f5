import { type Kysely, sql } from 'kysely';

// Applications (drafts and submissions), their uploads, stored blobs, background jobs and mails.
// An application stays bound to the form version it began with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE application_reference_seq`.execute(db);
  await sql`
    CREATE TABLE applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      form_id text NOT NULL,
      form_version integer NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'submitted')),
      answers jsonb NOT NULL DEFAULT '{}',
      access_hash text NOT NULL,
      account_id uuid,
      email text,
      lang text NOT NULL DEFAULT 'de' CHECK (lang IN ('de', 'en')),
      reference text UNIQUE,
      expires_at timestamptz,
      expiry_warned_at timestamptz,
      submitted_at timestamptz,
      receipt_key text,
      receipt_sha256 text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version),
      CHECK ((status = 'submitted') = (reference IS NOT NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX applications_draft_expiry ON applications (expires_at) WHERE status = 'draft'`.execute(db);
  await sql`CREATE INDEX applications_form ON applications (form_id, form_version)`.execute(db);
  await sql`
    CREATE TABLE uploads (
      id text PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      field_path text NOT NULL,
      filename text NOT NULL,
      media_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX uploads_application ON uploads (application_id)`.execute(db);
  await sql`
    CREATE TABLE blobs (
      key text PRIMARY KEY,
      data bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`
    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 8,
      run_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('pending', 'running')`.execute(db);
  await sql`
    CREATE TABLE mails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      attachments jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'kept', 'failed')),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )
  `.execute(db);
  await sql`CREATE INDEX mails_created ON mails (created_at DESC)`.execute(db);
}
