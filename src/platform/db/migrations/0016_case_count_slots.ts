import { type Kysely, sql } from 'kysely';

// The counts per service and status are kept in slots, one per database connection (modulo 16):
// with one row per service and status, every submission of a popular service updated the same row
// and held its lock until commit, so concurrent submissions waited for each other. A connection now
// adds and subtracts in its own slot; readers sum the slots. The trigger runs when the transaction
// commits (a deferred constraint trigger), so a slot's row is locked only for the commit itself, not
// while the rest of the transaction (a submission's jobs and deliveries) is written.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_counts ADD COLUMN slot smallint NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE case_counts DROP CONSTRAINT case_counts_pkey`.execute(db);
  await sql`ALTER TABLE case_counts ADD PRIMARY KEY (service_id, case_status, slot)`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION case_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      s smallint := pg_backend_pid() % 16;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.service_id IS NOT DISTINCT FROM NEW.service_id
         AND OLD.case_status IS NOT DISTINCT FROM NEW.case_status THEN
        RETURN NULL;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'submitted' AND OLD.service_id IS NOT NULL AND OLD.case_status IS NOT NULL THEN
        INSERT INTO case_counts (service_id, case_status, slot, n) VALUES (OLD.service_id, OLD.case_status, s, -1)
          ON CONFLICT (service_id, case_status, slot) DO UPDATE SET n = case_counts.n - 1;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'submitted' AND NEW.service_id IS NOT NULL AND NEW.case_status IS NOT NULL THEN
        INSERT INTO case_counts (service_id, case_status, slot, n) VALUES (NEW.service_id, NEW.case_status, s, 1)
          ON CONFLICT (service_id, case_status, slot) DO UPDATE SET n = case_counts.n + 1;
      END IF;
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`DROP TRIGGER applications_case_counts ON applications`.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER applications_case_counts AFTER INSERT OR DELETE OR UPDATE OF status, service_id, case_status ON applications
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION case_counts_track()
  `.execute(db);
}
