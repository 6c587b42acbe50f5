import { type Kysely, sql } from 'kysely';

// DigiCheck: a check of one department (Fachbereich), run as an interview with several participants.
// The questionnaire and measures in force when a check starts are kept with it, so that a later
// edition of the models never changes an old check's scores.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE digicheck_checks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      department text NOT NULL CHECK (length(trim(department)) > 0),
      organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
      interviewer_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
      fields text[] NOT NULL CHECK (cardinality(fields) > 0),
      questionnaire jsonb NOT NULL,
      measures jsonb NOT NULL,
      -- Roadmap settings: first quarter, yearly budget and capacity, the interviewer's changes.
      plan_start date NOT NULL,
      budget_cents bigint NOT NULL DEFAULT 10000000 CHECK (budget_cents >= 0),
      capacity_days integer NOT NULL DEFAULT 200 CHECK (capacity_days >= 0),
      plan_edits jsonb NOT NULL DEFAULT '{"dropped": [], "added": [], "pinned": {}}',
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX digicheck_checks_department_idx ON digicheck_checks (lower(department), created_at)`.execute(db);
  await sql`
    CREATE TABLE digicheck_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      check_id uuid NOT NULL REFERENCES digicheck_checks (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      role text NOT NULL CHECK (role IN ('staff', 'manager')),
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX digicheck_participants_check_idx ON digicheck_participants (check_id, created_at)`.execute(db);
  // A level 0–4, or "not applicable", and the interviewer's note (a note may come before the answer).
  await sql`
    CREATE TABLE digicheck_answers (
      participant_id uuid NOT NULL REFERENCES digicheck_participants (id) ON DELETE CASCADE,
      question_id text NOT NULL,
      level smallint CHECK (level BETWEEN 0 AND 4),
      not_applicable boolean NOT NULL DEFAULT false CHECK (NOT (not_applicable AND level IS NOT NULL)),
      note text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (participant_id, question_id)
    )
  `.execute(db);
}
