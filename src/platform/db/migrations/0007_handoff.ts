import { type Kysely, sql } from 'kysely';

// Hand-off to Fachverfahren: targets per service (webhook, e-mail, FIT-Connect, pull), one delivery
// per submission and target written in the submission's transaction (the outbox; the jobs table
// schedules and retries them), integrations (Fachverfahren with OAuth2 client credentials or an API
// key, scoped to services and operations) and the status events they report back, idempotent by id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE integrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      client_id text NOT NULL UNIQUE,
      secret_hash text NOT NULL,
      api_key_hash text UNIQUE,
      cert_sha256 text CHECK (cert_sha256 ~ '^[0-9a-f]{64}$'),
      service_ids uuid[] NOT NULL DEFAULT '{}',
      operations text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      last_used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`
    CREATE TABLE handoff_targets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('webhook', 'email', 'fitconnect', 'pull')),
      name text NOT NULL,
      condition jsonb,
      settings jsonb NOT NULL DEFAULT '{}',
      secret text,
      integration_id uuid REFERENCES integrations (id),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'pull') = (integration_id IS NOT NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX handoff_targets_service ON handoff_targets (service_id) WHERE active`.execute(db);
  await sql`
    CREATE TABLE handoff_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      target_id uuid NOT NULL REFERENCES handoff_targets (id) ON DELETE CASCADE,
      state text NOT NULL CHECK (state IN ('queued', 'delivered', 'failed', 'cancelled', 'available', 'acknowledged')),
      job_id bigint,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      remote_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (application_id, target_id)
    )
  `.execute(db);
  await sql`CREATE INDEX handoff_deliveries_recent ON handoff_deliveries (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX handoff_deliveries_state ON handoff_deliveries (state, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX handoff_deliveries_available ON handoff_deliveries (target_id, created_at, id) WHERE state = 'available'`.execute(db);
  await sql`
    CREATE TABLE status_events (
      integration_id uuid NOT NULL REFERENCES integrations (id),
      event_id text NOT NULL,
      application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
      status text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (integration_id, event_id)
    )
  `.execute(db);
  await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_type_check`.execute(db);
  await sql`ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('staff', 'system', 'integration'))`.execute(db);
}
