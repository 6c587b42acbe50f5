import { type Kysely, sql } from 'kysely';

// The inbox's counts under a date filter ("received in January") read the status of up to a
// thousand cases. Through the index by service and receipt they had to fetch each row from the table
// (or walk the status index across all its statuses); with the status in the index they are read
// from one contiguous range of it. The index is built anew under a new name before the old one goes,
// so the inbox never goes without it; building it holds off writes to applications for its duration
// (about 2 s per million cases).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX applications_received_status ON applications (service_id, submitted_at, id) INCLUDE (case_status) WHERE status = 'submitted'`.execute(
    db,
  );
  await sql`DROP INDEX applications_service_received`.execute(db);
}
