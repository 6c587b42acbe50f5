import { type Kysely, sql } from 'kysely';

// Case handling configured per service: its own workflow (null = the default) and its notice
// templates (Bescheidvorlagen). Staff may also sign in through an OIDC provider, matched by subject.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE services ADD COLUMN workflow jsonb`.execute(db);
  await sql`
    CREATE TABLE notice_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      name text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('bewilligt', 'abgelehnt', 'teilweise')),
      body text NOT NULL,
      legal_remedy text NOT NULL,
      fee_cents integer NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX notice_templates_service ON notice_templates (service_id, name)`.execute(db);
  await sql`ALTER TABLE staff_users ADD COLUMN oidc_subject text`.execute(db);
  await sql`CREATE UNIQUE INDEX staff_users_oidc_subject ON staff_users (oidc_subject) WHERE oidc_subject IS NOT NULL`.execute(db);
}
