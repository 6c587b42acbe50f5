import { type Kysely, sql } from 'kysely';

// OZG implementation management: what the computed maturity (Reifegrad) of a service looks at beyond
// its form – whether notices reach the citizen's postbox and whether the process still has a step on
// paper or in person – and an override by the OZG coordination, only ever with its reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE services ADD COLUMN notice_to_postbox boolean NOT NULL DEFAULT true`.execute(db);
  await sql`ALTER TABLE services ADD COLUMN paper_step boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE services ADD COLUMN maturity_override smallint CHECK (maturity_override BETWEEN 0 AND 4)`.execute(db);
  await sql`ALTER TABLE services ADD COLUMN maturity_override_reason text`.execute(db);
  await sql`
    ALTER TABLE services ADD CONSTRAINT services_maturity_override_reason
    CHECK ((maturity_override IS NULL) = (maturity_override_reason IS NULL) AND coalesce(length(trim(maturity_override_reason)), 1) > 0)
  `.execute(db);
}
