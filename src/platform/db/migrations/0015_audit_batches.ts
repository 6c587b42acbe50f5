import { type Kysely, sql } from 'kysely';

// Audit entries are appended in batches: the hashes of a batch's entries, each over the one before,
// computed in the same statement that takes the head row (see platform/audit).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_chain(start text, texts text[]) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      hashes text[] := '{}';
      h text := start;
      t text;
    BEGIN
      FOREACH t IN ARRAY texts LOOP
        h := encode(sha256(convert_to(h || t, 'UTF8')), 'hex');
        hashes := hashes || h;
      END LOOP;
      RETURN hashes;
    END
    $$
  `.execute(db);
}
