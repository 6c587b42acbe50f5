import { type Kysely, sql } from 'kysely';

// Case handling configured per service: its own workflow (null = the default) and its notice
// templates (Bescheidvorlagen). Staff may also sign in through an OIDC provider, matched by subject.
// The inbox at a million cases: per-service indexes for each sort, a small index of open cases by
// deadline, and case counts per service and status kept by a trigger. The audit log's head row.
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
  // Each sort walks the index of one service (the inbox merges its services' first pages).
  await sql`CREATE INDEX applications_service_received ON applications (service_id, submitted_at, id) WHERE status = 'submitted'`.execute(db);
  await sql`CREATE INDEX applications_service_due ON applications (service_id, due_at, id) WHERE status = 'submitted'`.execute(db);
  await sql`DROP INDEX applications_due`.execute(db);
  // One person's cases of a service in order (and counted from the index alone).
  await sql`DROP INDEX applications_assignee`.execute(db);
  await sql`CREATE INDEX applications_assignee ON applications (assignee_id, service_id, submitted_at, id) INCLUDE (case_status) WHERE status = 'submitted'`.execute(
    db,
  );
  // Full-text search within a service: one GIN index over both (btree_gin), instead of intersecting
  // the words' matches in all services with the service's cases.
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
  await sql`DROP INDEX applications_case_search`.execute(db);
  await sql`CREATE INDEX applications_service_search ON applications USING gin (service_id, case_search) WHERE status = 'submitted'`.execute(db);
  // Small indexes for the views that pick few of many: open cases by deadline (overdue), unassigned.
  await sql`
    CREATE INDEX applications_open_due ON applications (service_id, due_at, id) INCLUDE (case_status)
      WHERE status = 'submitted' AND case_status IN ('eingegangen', 'in_pruefung', 'rueckfrage')
  `.execute(db);
  await sql`
    CREATE INDEX applications_open_received ON applications (service_id, submitted_at, id) INCLUDE (due_at, case_status)
      WHERE status = 'submitted' AND case_status IN ('eingegangen', 'in_pruefung', 'rueckfrage')
  `.execute(db);
  await sql`
    CREATE INDEX applications_unassigned ON applications (service_id, submitted_at, id) INCLUDE (case_status)
      WHERE status = 'submitted' AND assignee_id IS NULL
  `.execute(db);
  await sql`
    CREATE TABLE case_counts (
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      case_status text NOT NULL,
      n bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (service_id, case_status)
    )
  `.execute(db);
  await sql`
    CREATE FUNCTION case_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.service_id IS NOT DISTINCT FROM NEW.service_id
         AND OLD.case_status IS NOT DISTINCT FROM NEW.case_status THEN
        RETURN NULL;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'submitted' AND OLD.service_id IS NOT NULL AND OLD.case_status IS NOT NULL THEN
        UPDATE case_counts SET n = n - 1 WHERE service_id = OLD.service_id AND case_status = OLD.case_status;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'submitted' AND NEW.service_id IS NOT NULL AND NEW.case_status IS NOT NULL THEN
        INSERT INTO case_counts (service_id, case_status, n) VALUES (NEW.service_id, NEW.case_status, 1)
          ON CONFLICT (service_id, case_status) DO UPDATE SET n = case_counts.n + 1;
      END IF;
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`
    CREATE TRIGGER applications_case_counts AFTER INSERT OR DELETE OR UPDATE OF status, service_id, case_status ON applications
      FOR EACH ROW EXECUTE FUNCTION case_counts_track()
  `.execute(db);
  await sql`
    INSERT INTO case_counts (service_id, case_status, n)
      SELECT service_id, case_status, count(*) FROM applications
      WHERE status = 'submitted' AND service_id IS NOT NULL AND case_status IS NOT NULL GROUP BY service_id, case_status
  `.execute(db);
  // The audit log's last hash in one row: writers append in one statement, ordered by its row lock
  // (replaces an advisory lock and four more round trips per entry).
  await sql`CREATE TABLE audit_head (id integer PRIMARY KEY CHECK (id = 1), prev text NOT NULL DEFAULT '', hash text NOT NULL)`.execute(db);
  await sql`INSERT INTO audit_head (id, hash) VALUES (1, coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64)))`.execute(db);
}
