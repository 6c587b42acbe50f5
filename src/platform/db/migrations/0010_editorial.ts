import { type Kysely, sql } from 'kysely';

// The editorial workflow of the catalogue: a service's texts are changed in versions – Entwurf, then
// in Prüfung, then veröffentlicht by a second person – while the live row in `services` keeps what
// citizens see until the approval. A service may also be archived (withdrawn from the portal).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE services DROP CONSTRAINT services_status_check`.execute(db);
  await sql`ALTER TABLE services ADD CONSTRAINT services_status_check CHECK (status IN ('draft', 'published', 'archived'))`.execute(db);
  await sql`
    CREATE TABLE service_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'review', 'published')),
      content jsonb NOT NULL,
      -- What was live when the draft began (null for a service never published): the diff's left side.
      base jsonb,
      -- Everyone who changed this version; none of them may approve it (four-eyes principle).
      editor_ids uuid[] NOT NULL,
      -- Optimistic locking: a save names the lock it read, so two editors never overwrite each other.
      lock_version integer NOT NULL DEFAULT 1,
      approved_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (service_id, number)
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX service_versions_one_open ON service_versions (service_id) WHERE state <> 'published'`.execute(db);
  await sql`CREATE INDEX service_versions_review_idx ON service_versions (updated_at) WHERE state = 'review'`.execute(db);
  // The conversation of a version's review: submitted with a note, returned or approved with a comment.
  await sql`
    CREATE TABLE service_reviews (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id uuid NOT NULL REFERENCES service_versions (id) ON DELETE CASCADE,
      staff_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      decision text NOT NULL CHECK (decision IN ('submitted', 'returned', 'approved')),
      comment text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX service_reviews_version_idx ON service_reviews (version_id, created_at)`.execute(db);
}
