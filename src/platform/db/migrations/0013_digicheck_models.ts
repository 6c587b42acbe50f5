import { type Kysely, sql } from 'kysely';

// Editions of DigiCheck's questionnaire and measures uploaded by administrators; the newest is used
// for new checks (each check keeps its own copy). Without any, the models shipped in the repository apply.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE digicheck_models (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      questionnaire jsonb NOT NULL,
      measures jsonb NOT NULL,
      uploaded_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
}
