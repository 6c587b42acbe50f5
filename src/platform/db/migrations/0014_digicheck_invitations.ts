import { type Kysely, sql } from 'kysely';

// A participant may answer on their own through a personal link; only the link secret's hash is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE digicheck_participants ADD COLUMN invite_hash text UNIQUE`.execute(db);
  await sql`ALTER TABLE digicheck_participants ADD COLUMN invite_expires_at timestamptz`.execute(db);
}
