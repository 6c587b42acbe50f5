// Every SQL statement of DigiCheck: checks with their model snapshot and roadmap settings,
// participants, answers.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { StepInput } from './interview.ts';
import { type Level, type MeasureCatalogue, type Questionnaire, type RawModels, shippedModels } from './model.ts';
import type { PlanEdits } from './roadmap.ts';
import type { Answer, ParticipantRole } from './scoring.ts';

type Db = Kysely<Database>;

export interface Check {
  id: string;
  department: string;
  organisationId: string | null;
  organisation: string | null;
  interviewer: string | null;
  fields: string[];
  questionnaire: Questionnaire;
  measures: MeasureCatalogue;
  planStart: string;
  budgetCents: number;
  capacityDays: number;
  planEdits: PlanEdits;
  createdAt: Date;
  completedAt: Date | null;
}

export interface NewCheck {
  department: string;
  organisationId: string | null;
  interviewerId: string;
  fields: string[];
  questionnaire: Questionnaire;
  measures: MeasureCatalogue;
  planStart: string;
}

export async function createCheck(db: Db, c: NewCheck): Promise<string> {
  const row = await db
    .insertInto('digicheck_checks')
    .values({
      department: c.department,
      organisation_id: c.organisationId,
      interviewer_id: c.interviewerId,
      fields: c.fields,
      questionnaire: JSON.stringify(c.questionnaire),
      measures: JSON.stringify(c.measures),
      plan_start: c.planStart,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const checks = (db: Db) =>
  db
    .selectFrom('digicheck_checks as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('staff_users as u', 'u.id', 'c.interviewer_id')
    .select([
      'c.id',
      'c.department',
      'c.organisation_id',
      'o.name as organisation',
      'u.name as interviewer',
      'c.fields',
      'c.questionnaire',
      'c.measures',
      sql<string>`c.plan_start::text`.as('plan_start'),
      'c.budget_cents',
      'c.capacity_days',
      'c.plan_edits',
      'c.created_at',
      'c.completed_at',
    ]);

type CheckRow = Awaited<ReturnType<ReturnType<typeof checks>['executeTakeFirstOrThrow']>>;

const checkOf = (r: CheckRow): Check => ({
  id: r.id,
  department: r.department,
  organisationId: r.organisation_id,
  organisation: r.organisation,
  interviewer: r.interviewer,
  fields: r.fields,
  questionnaire: r.questionnaire as Questionnaire,
  measures: r.measures as MeasureCatalogue,
  planStart: r.plan_start,
  budgetCents: Number(r.budget_cents),
  capacityDays: r.capacity_days,
  planEdits: r.plan_edits as PlanEdits,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

export async function findCheck(db: Db, id: string): Promise<Check | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await checks(db).where('c.id', '=', id).executeTakeFirst();
  return row ? checkOf(row) : undefined;
}

/** Earlier checks of the same department (by name), newest first, for comparison. */
export async function earlierChecks(db: Db, check: Check): Promise<Check[]> {
  const rows = await checks(db)
    .where(sql`lower(c.department)`, '=', check.department.toLowerCase())
    .where('c.created_at', '<', check.createdAt)
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.map(checkOf);
}

/** Other departments' most recent checks, for the anonymised comparison. */
export async function otherDepartmentsChecks(db: Db, check: Check): Promise<Check[]> {
  const rows = await checks(db)
    .where(sql`lower(c.department)`, '<>', check.department.toLowerCase())
    .distinctOn(sql`lower(c.department)`)
    .orderBy(sql`lower(c.department)`)
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.map(checkOf);
}

export interface CheckSummary {
  id: string;
  department: string;
  createdAt: Date;
  participants: number;
  answers: number;
}

export async function listChecks(db: Db): Promise<CheckSummary[]> {
  const rows = await db
    .selectFrom('digicheck_checks as c')
    .select([
      'c.id',
      'c.department',
      'c.created_at',
      (eb) => eb.selectFrom('digicheck_participants as p').whereRef('p.check_id', '=', 'c.id').select(eb.fn.countAll<string>().as('n')).as('participants'),
      (eb) =>
        eb
          .selectFrom('digicheck_answers as a')
          .innerJoin('digicheck_participants as p', 'p.id', 'a.participant_id')
          .whereRef('p.check_id', '=', 'c.id')
          .select(eb.fn.countAll<string>().as('n'))
          .as('answers'),
    ])
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, department: r.department, createdAt: r.created_at, participants: Number(r.participants), answers: Number(r.answers) }));
}

export interface Participant {
  id: string;
  name: string;
  role: ParticipantRole;
  answered: number;
}

export async function participantsOf(db: Db, checkId: string): Promise<Participant[]> {
  const rows = await db
    .selectFrom('digicheck_participants as p')
    .select([
      'p.id',
      'p.name',
      'p.role',
      (eb) =>
        eb
          .selectFrom('digicheck_answers as a')
          .whereRef('a.participant_id', '=', 'p.id')
          .where((w) => w.or([w('a.level', 'is not', null), w('a.not_applicable', '=', true)]))
          .select(eb.fn.countAll<string>().as('n'))
          .as('answered'),
    ])
    .where('p.check_id', '=', checkId)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, answered: Number(r.answered) }));
}

export async function addParticipant(db: Db, checkId: string, name: string, role: ParticipantRole): Promise<string> {
  const row = await db.insertInto('digicheck_participants').values({ check_id: checkId, name, role }).returning('id').executeTakeFirstOrThrow();
  await touch(db, checkId);
  return row.id;
}

const touch = (db: Db, checkId: string) => db.updateTable('digicheck_checks').set({ updated_at: sql`now()` }).where('id', '=', checkId).execute();

export interface StoredAnswer extends Answer {
  notApplicable: boolean;
  note: string;
}

export async function answersOf(db: Db, checkId: string): Promise<StoredAnswer[]> {
  const rows = await db
    .selectFrom('digicheck_answers as a')
    .innerJoin('digicheck_participants as p', 'p.id', 'a.participant_id')
    .select(['a.participant_id', 'p.role', 'a.question_id', 'a.level', 'a.not_applicable', 'a.note'])
    .where('p.check_id', '=', checkId)
    .execute();
  return rows.map((r) => ({
    participantId: r.participant_id,
    role: r.role,
    questionId: r.question_id,
    level: r.level as Level | null,
    notApplicable: r.not_applicable,
    note: r.note,
  }));
}

/** One interview step: the given answers written, those left open removed (a step can be corrected). */
export async function saveAnswers(db: Db, checkId: string, participantId: string, step: Pick<StepInput, 'answered' | 'open'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (step.answered.length > 0) {
      await trx
        .insertInto('digicheck_answers')
        .values(
          step.answered.map((a) => ({
            participant_id: participantId,
            question_id: a.questionId,
            level: a.level,
            not_applicable: a.notApplicable,
            note: a.note,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['participant_id', 'question_id']).doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            not_applicable: eb.ref('excluded.not_applicable'),
            note: eb.ref('excluded.note'),
            updated_at: sql`now()`,
          })),
        )
        .execute();
    }
    if (step.open.length > 0)
      await trx.deleteFrom('digicheck_answers').where('participant_id', '=', participantId).where('question_id', 'in', step.open).execute();
    await touch(trx, checkId);
  });
}

export async function savePlan(
  db: Db,
  checkId: string,
  plan: { planStart: string; budgetCents: number; capacityDays: number; edits: PlanEdits },
): Promise<void> {
  await db
    .updateTable('digicheck_checks')
    .set({
      plan_start: plan.planStart,
      budget_cents: plan.budgetCents,
      capacity_days: plan.capacityDays,
      plan_edits: JSON.stringify(plan.edits),
      updated_at: sql`now()`,
    })
    .where('id', '=', checkId)
    .execute();
}

/** The models in force: the newest uploaded edition, else the shipped one; with who uploaded it when. */
export async function currentModels(db: Db): Promise<{ raw: RawModels; uploaded: { at: Date; by: string | null } | null }> {
  const row = await db
    .selectFrom('digicheck_models as m')
    .leftJoin('staff_users as u', 'u.id', 'm.uploaded_by')
    .select(['m.questionnaire', 'm.measures', 'm.created_at', 'u.name'])
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { raw: shippedModels(), uploaded: null };
  return { raw: { questionnaire: row.questionnaire, measures: row.measures }, uploaded: { at: row.created_at, by: row.name } };
}

export async function saveModels(db: Db, raw: RawModels, staffId: string): Promise<void> {
  await db
    .insertInto('digicheck_models')
    .values({ questionnaire: JSON.stringify(raw.questionnaire), measures: JSON.stringify(raw.measures), uploaded_by: staffId })
    .execute();
}

/** A new invitation link for the participant (an earlier one stops working). */
export async function inviteParticipant(db: Db, participantId: string, hash: string, expiresAt: Date): Promise<void> {
  await db.updateTable('digicheck_participants').set({ invite_hash: hash, invite_expires_at: expiresAt }).where('id', '=', participantId).execute();
}

/** The check and participant of a valid invitation link. */
export async function invited(db: Db, hash: string, now: Date): Promise<{ check: Check; participant: Participant } | undefined> {
  const row = await db
    .selectFrom('digicheck_participants')
    .select(['id', 'check_id'])
    .where('invite_hash', '=', hash)
    .where('invite_expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const [check, participants] = await Promise.all([findCheck(db, row.check_id), participantsOf(db, row.check_id)]);
  const participant = participants.find((p) => p.id === row.id);
  return check && participant ? { check, participant } : undefined;
}
