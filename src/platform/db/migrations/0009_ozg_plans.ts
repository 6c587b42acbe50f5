import { type Kysely, sql } from 'kysely';

// OZG implementation planning per service: who is responsible, priority and status (the KDN
// OZG-Datenbank's reference codes), the planned go-live, the solution (own form, an EfA service of
// another Land, a vendor product), notes, and milestones. Drafts started per form and month, counted
// by a trigger (drafts are deleted when they expire, so they cannot be counted afterwards). LeiKa
// suggestions an editor rejected for a service.
/** The columns of a plan, the same for a service's and an OZG-Leistung's. */
const PLAN_COLUMNS = sql.raw(`
  responsible_person text NOT NULL DEFAULT '',
  priority smallint NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 4),
  status smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 4),
  target_date date,
  solution text NOT NULL DEFAULT 'open' CHECK (solution IN ('open', 'own', 'efa', 'vendor')),
  solution_detail text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ozg_plans (
      service_id uuid PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
      ${PLAN_COLUMNS}
    )
  `.execute(db);
  await sql`CREATE INDEX ozg_plans_target ON ozg_plans (target_date) WHERE target_date IS NOT NULL`.execute(db);
  // The same planning for an OZG-Leistung the municipality has no service for yet.
  await sql`
    CREATE TABLE ozg_leistung_plans (
      ozg_id integer PRIMARY KEY REFERENCES ozg_leistungen (ozg_id) ON DELETE CASCADE,
      ${PLAN_COLUMNS}
    )
  `.execute(db);
  await sql`
    CREATE TABLE ozg_milestones (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      due_date date NOT NULL,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX ozg_milestones_service ON ozg_milestones (service_id, due_date)`.execute(db);
  await sql`
    CREATE TABLE form_starts (
      form_id text NOT NULL,
      month date NOT NULL,
      started integer NOT NULL DEFAULT 0,
      PRIMARY KEY (form_id, month)
    )
  `.execute(db);
  await sql`
    CREATE FUNCTION form_starts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status = 'draft' THEN
        INSERT INTO form_starts (form_id, month, started) VALUES (NEW.form_id, date_trunc('month', NEW.created_at)::date, 1)
        ON CONFLICT (form_id, month) DO UPDATE SET started = form_starts.started + 1;
      END IF;
      RETURN NEW;
    END
    $$
  `.execute(db);
  await sql`CREATE TRIGGER form_starts_track AFTER INSERT ON applications FOR EACH ROW EXECUTE FUNCTION form_starts_track()`.execute(db);
  // Matching a service to the federal catalogue: suggestions an editor rejected are not offered again.
  await sql`
    CREATE TABLE match_rejections (
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      leistungsschluessel text NOT NULL,
      rejected_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (service_id, leistungsschluessel)
    )
  `.execute(db);
  // Portalverbund: services of another portal, imported from its federation feed, marked with their
  // source; the sources with the time of their last sync.
  await sql`
    CREATE TABLE federation_sources (
      url text PRIMARY KEY,
      name text NOT NULL,
      synced_until timestamptz,
      last_error text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`ALTER TABLE services ADD COLUMN federation_source text REFERENCES federation_sources (url) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE services ADD COLUMN federation_remote_id text`.execute(db);
  await sql`ALTER TABLE services ADD COLUMN federation_org jsonb`.execute(db);
  await sql`CREATE UNIQUE INDEX services_federation ON services (federation_source, federation_remote_id) WHERE federation_source IS NOT NULL`.execute(db);
  await sql`CREATE INDEX services_updated ON services (updated_at, id) WHERE federation_source IS NULL`.execute(db);
}
