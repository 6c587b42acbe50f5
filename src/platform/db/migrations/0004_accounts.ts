import { type Kysely, sql } from 'kysely';

// Citizen accounts (Servicekonto): local and eID identities, server-side sessions, one-time tokens
// for mail links, events counted for rate limits (failed sign-ins, mails sent), the postbox, and each application's status history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text,
      email_verified_at timestamptz,
      password_hash text,
      given_name text,
      family_name text,
      organisation_name text,
      organisation_register text,
      notify_by_mail boolean NOT NULL DEFAULT true,
      lang text NOT NULL DEFAULT 'de' CHECK (lang IN ('de', 'en')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX accounts_email ON accounts (lower(email))`.execute(db);
  await sql`CREATE INDEX accounts_unverified ON accounts (created_at) WHERE email_verified_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE account_identities (
      issuer text NOT NULL,
      subject text NOT NULL,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, subject)
    )
  `.execute(db);
  await sql`CREATE INDEX account_identities_account ON account_identities (account_id)`.execute(db);
  await sql`
    CREATE TABLE account_sessions (
      token_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      trust_level text NOT NULL CHECK (trust_level IN ('niedrig', 'substantiell', 'hoch')),
      identity jsonb NOT NULL DEFAULT '{}',
      user_agent text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX account_sessions_account ON account_sessions (account_id)`.execute(db);
  await sql`CREATE INDEX account_sessions_expiry ON account_sessions (expires_at)`.execute(db);
  await sql`
    CREATE TABLE account_tokens (
      token_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify', 'reset', 'email', 'claim')),
      payload jsonb NOT NULL DEFAULT '{}',
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`
    CREATE TABLE rate_events (
      key text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX rate_events_key ON rate_events (key, at)`.execute(db);

  await sql`ALTER TABLE applications ADD CONSTRAINT applications_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN on_behalf_of jsonb`.execute(db);
  await sql`ALTER TABLE applications ADD COLUMN prefilled jsonb NOT NULL DEFAULT '[]'`.execute(db);
  await sql`CREATE INDEX applications_account ON applications (account_id, updated_at DESC)`.execute(db);
  await sql`
    CREATE TABLE application_events (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('eingegangen', 'in_pruefung', 'rueckfrage', 'entschieden', 'abgeschlossen', 'zurueckgezogen', 'weitergeleitet')),
      note text NOT NULL DEFAULT '',
      actor_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX application_events_application ON application_events (application_id, id)`.execute(db);

  await sql`
    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
      application_id uuid REFERENCES applications (id) ON DELETE SET NULL,
      direction text NOT NULL CHECK (direction IN ('to_citizen', 'from_citizen')),
      kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'nachforderung', 'bescheid')),
      reply_to uuid REFERENCES messages (id) ON DELETE SET NULL,
      subject text NOT NULL,
      body text NOT NULL,
      read_at timestamptz,
      archived_at timestamptz,
      due_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX messages_account ON messages (account_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX messages_application ON messages (application_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE message_attachments (
      id text PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      filename text NOT NULL,
      media_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX message_attachments_message ON message_attachments (message_id)`.execute(db);
}
