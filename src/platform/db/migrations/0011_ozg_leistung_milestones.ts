import { type Kysely, sql } from 'kysely';

// Milestones belong to a local service or, before one exists, to the OZG-Leistung being planned –
// the same as plans.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ozg_milestones ALTER COLUMN service_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE ozg_milestones ADD COLUMN ozg_id integer REFERENCES ozg_leistungen (ozg_id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE ozg_milestones ADD CONSTRAINT ozg_milestones_one_owner CHECK (num_nonnulls(service_id, ozg_id) = 1)`.execute(db);
  await sql`CREATE INDEX ozg_milestones_leistung ON ozg_milestones (ozg_id, due_date) WHERE ozg_id IS NOT NULL`.execute(db);
}
