import { type Kysely, sql } from 'kysely';

// The OZG catalogue (federal, imported) and the municipality's own services (edited locally).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // Folds umlauts the way people type them without a German keyboard, for trigram matching.
  await sql`
    CREATE FUNCTION amtsweg_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
      replace(replace(replace(replace(lower(value), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')
  `.execute(db);
  // array_to_string is only STABLE; for text[] it is immutable in fact, which generated columns need.
  await sql`
    CREATE FUNCTION amtsweg_join(value text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN array_to_string(value, ' ')
  `.execute(db);

  await db.schema
    .createTable('themenfelder')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('lebenslagen')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('themenfeld_id', 'integer', (c) => c.notNull().references('themenfelder.id'))
    .execute();
  await db.schema
    .createTable('ozg_leistungen')
    .addColumn('ozg_id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lebenslage_id', 'integer', (c) => c.notNull().references('lebenslagen.id'))
    .addColumn('themenfeld_id', 'integer', (c) => c.notNull().references('themenfelder.id'))
    .execute();

  await sql`
    CREATE TABLE leika_leistungen (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      catalog_key text NOT NULL UNIQUE,
      leistungsschluessel text UNIQUE CHECK (leistungsschluessel ~ '^99[0-9]{12}$'),
      name text NOT NULL,
      ozg_id integer REFERENCES ozg_leistungen (ozg_id),
      typisierung text,
      rechtsgrundlage text,
      gesetze text,
      gesetz_kuerzel text,
      sdg1_relevant boolean NOT NULL DEFAULT false,
      sdg2_relevant boolean NOT NULL DEFAULT false,
      search_doc tsvector GENERATED ALWAYS AS (to_tsvector('german', name)) STORED,
      search_text text GENERATED ALWAYS AS (amtsweg_fold(name)) STORED
    )
  `.execute(db);
  await sql`CREATE INDEX leika_leistungen_ozg_idx ON leika_leistungen (ozg_id)`.execute(db);
  await sql`CREATE INDEX leika_leistungen_doc_idx ON leika_leistungen USING gin (search_doc)`.execute(db);
  await sql`CREATE INDEX leika_leistungen_trgm_idx ON leika_leistungen USING gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      street text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      opening_hours text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      website text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);

  await sql`
    CREATE TABLE services (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      title text NOT NULL,
      title_en text NOT NULL DEFAULT '',
      summary text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      prerequisites text[] NOT NULL DEFAULT '{}',
      required_documents text[] NOT NULL DEFAULT '{}',
      fee_cents integer CHECK (fee_cents >= 0),
      fee_text text NOT NULL DEFAULT '',
      processing_time text NOT NULL DEFAULT '',
      deadlines text NOT NULL DEFAULT '',
      legal_basis text NOT NULL DEFAULT '',
      organisation_id uuid REFERENCES organisations (id),
      online_service_url text,
      leika_key text CHECK (leika_key ~ '^99[0-9]{12}$'),
      ozg_id integer REFERENCES ozg_leistungen (ozg_id),
      keywords text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      last_reviewed date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search_doc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german', title), 'A') ||
        setweight(to_tsvector('german', amtsweg_join(keywords)), 'A') ||
        setweight(to_tsvector('german', summary), 'B') ||
        setweight(to_tsvector('german', description), 'C')
      ) STORED,
      search_text text GENERATED ALWAYS AS (amtsweg_fold(title || ' ' || amtsweg_join(keywords))) STORED
    )
  `.execute(db);
  await sql`CREATE INDEX services_status_idx ON services (status)`.execute(db);
  await sql`CREATE INDEX services_ozg_idx ON services (ozg_id)`.execute(db);
  await sql`CREATE INDEX services_doc_idx ON services USING gin (search_doc)`.execute(db);
  await sql`CREATE INDEX services_trgm_idx ON services USING gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE service_lebenslagen (
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      lebenslage_id integer NOT NULL REFERENCES lebenslagen (id),
      PRIMARY KEY (service_id, lebenslage_id)
    )
  `.execute(db);
  await sql`CREATE INDEX service_lebenslagen_lebenslage_idx ON service_lebenslagen (lebenslage_id)`.execute(db);
}
