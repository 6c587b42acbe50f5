import { type Kysely, sql } from 'kysely';

// Forms: imported code lists, forms and their versions. A published version is never changed;
// drafts of applications will stay bound to the version they began with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE code_lists (
      canonical_uri text NOT NULL,
      version text NOT NULL,
      canonical_version_uri text NOT NULL,
      short_name text NOT NULL,
      long_name text NOT NULL DEFAULT '',
      entries jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (canonical_uri, version)
    )
  `.execute(db);
  await sql`
    CREATE TABLE forms (
      id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
      title text NOT NULL,
      service_id uuid REFERENCES services (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`
    CREATE TABLE form_versions (
      form_id text NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version > 0),
      status text NOT NULL CHECK (status IN ('draft', 'published')),
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      PRIMARY KEY (form_id, version)
    )
  `.execute(db);
  // At most one draft per form; published versions are immutable (enforced in the store).
  await sql`CREATE UNIQUE INDEX form_versions_one_draft ON form_versions (form_id) WHERE status = 'draft'`.execute(db);
}
