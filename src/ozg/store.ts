// Every SQL statement of the OZG module: the facts each service's maturity is computed from (its
// catalogue entry, its newest published form version, its settings) and the coordination's override.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type FormDefinition, fieldsById, hasFileField } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { MaturityFacts, Reifegrad } from './maturity.ts';
import type { Plan, PlanStatus, Priority } from './plan.ts';

type Db = Kysely<Database>;

export interface ServiceFacts {
  id: string;
  slug: string;
  title: string;
  status: 'draft' | 'published';
  ozgId: number | null;
  leikaKey: string | null;
  /** The responsible Organisationseinheit, by id and name. */
  organisationId: string | null;
  organisation: string | null;
  onlineServiceUrl: string | null;
  formId: string | null;
  themenfeld: string | null;
  lebenslagen: string[];
  /** The implementation plan, once someone made one. */
  plan: Plan | null;
  facts: MaturityFacts;
}

/** A plan row (of a service or an OZG-Leistung, joined in, so every column may be null) as a Plan. */
function planOf(r: {
  responsible_person: string | null;
  priority: number | null;
  status: number | null;
  target_date: string | null;
  solution: Plan['solution'] | null;
  solution_detail: string | null;
  notes: string | null;
}): Plan {
  return {
    responsiblePerson: r.responsible_person ?? '',
    priority: (r.priority ?? 1) as Priority,
    status: (r.status ?? 1) as PlanStatus,
    targetDate: r.target_date,
    solution: r.solution ?? 'open',
    solutionDetail: r.solution_detail ?? '',
    notes: r.notes ?? '',
  };
}

/** What of a form definition maturity looks at. */
function formFacts(definition: FormDefinition): MaturityFacts['form'] {
  const items = definition.steps.flatMap((s) => s.items);
  return {
    trustLevel: definition.trustLevel,
    hasUpload: hasFileField(items),
    prefilled: [...fieldsById(items).values()].some((f) => f.prefill !== undefined),
  };
}

/** Every service (or one) with the facts of its maturity, by title. */
export async function serviceFacts(db: Db, serviceId?: string): Promise<ServiceFacts[]> {
  const rows = await db
    .selectFrom('services as s')
    .leftJoin('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('ozg_plans as p', 'p.service_id', 's.id')
    .leftJoin('ozg_leistungen as z', 'z.ozg_id', 's.ozg_id')
    .leftJoin('themenfelder as tf', 'tf.id', 'z.themenfeld_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('forms as f')
          .innerJoin('form_versions as v', 'v.form_id', 'f.id')
          .where('v.status', '=', 'published')
          .select(['f.service_id', 'f.id as form_id', 'v.definition'])
          .distinctOn('f.service_id')
          .orderBy('f.service_id')
          .orderBy('v.version', 'desc')
          .as('pf'),
      (join) => join.onRef('pf.service_id', '=', 's.id'),
    )
    .select([
      's.id',
      's.slug',
      's.title',
      's.status',
      's.ozg_id',
      's.leika_key',
      's.organisation_id',
      'o.name as organisation',
      's.online_service_url',
      's.required_documents',
      's.notice_to_postbox',
      's.paper_step',
      's.maturity_override',
      's.maturity_override_reason',
      'pf.form_id',
      'pf.definition',
      'tf.name as themenfeld',
      'p.service_id as plan_service',
      'p.responsible_person',
      'p.priority',
      'p.status as plan_status',
      'p.target_date',
      'p.solution',
      'p.solution_detail',
      'p.notes',
    ])
    // Services federated from other portals are theirs to implement, not ours; archived ones are gone.
    .where('s.federation_source', 'is', null)
    .where('s.status', '<>', 'archived')
    .$narrowType<{ status: 'draft' | 'published' }>()
    .$if(serviceId !== undefined, (q) => q.where('s.id', '=', serviceId as string))
    .orderBy('s.title')
    .execute();
  const lebenslagen = await db
    .selectFrom('service_lebenslagen as sl')
    .innerJoin('lebenslagen as l', 'l.id', 'sl.lebenslage_id')
    .select(['sl.service_id', 'l.name'])
    .$if(serviceId !== undefined, (q) => q.where('sl.service_id', '=', serviceId as string))
    .execute();
  const lebenslagenOf = new Map<string, string[]>();
  for (const l of lebenslagen) lebenslagenOf.set(l.service_id, [...(lebenslagenOf.get(l.service_id) ?? []), l.name]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    ozgId: r.ozg_id,
    leikaKey: r.leika_key,
    organisationId: r.organisation_id,
    organisation: r.organisation,
    onlineServiceUrl: r.online_service_url,
    formId: r.form_id,
    themenfeld: r.themenfeld,
    lebenslagen: lebenslagenOf.get(r.id) ?? [],
    plan: r.plan_service ? planOf({ ...r, status: r.plan_status }) : null,
    facts: {
      published: r.status === 'published',
      form: r.definition ? formFacts(r.definition as FormDefinition) : undefined,
      externalOnline: Boolean(r.online_service_url) && !r.form_id,
      requiresDocuments: r.required_documents.length > 0,
      noticeToPostbox: r.notice_to_postbox,
      paperStep: r.paper_step,
      override:
        r.maturity_override !== null && r.maturity_override_reason
          ? { level: r.maturity_override as Reifegrad, reason: r.maturity_override_reason }
          : undefined,
    },
  }));
}

/** Sets the coordination's override (with its reason), or removes it (null). */
export async function setOverride(db: Db, serviceId: string, override: { level: Reifegrad; reason: string } | null): Promise<void> {
  await db
    .updateTable('services')
    .set({ maturity_override: override?.level ?? null, maturity_override_reason: override?.reason ?? null, updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
}

/** Whose plan: a local service's, or an OZG-Leistung's that has no local service yet. */
export type PlanOwner = { serviceId: string } | { ozgId: number };

export async function savePlan(db: Db, owner: PlanOwner, plan: Plan): Promise<void> {
  const values = {
    responsible_person: plan.responsiblePerson,
    priority: plan.priority,
    status: plan.status,
    target_date: plan.targetDate,
    solution: plan.solution,
    solution_detail: plan.solutionDetail,
    notes: plan.notes,
    updated_at: sql<Date>`now()`,
  };
  if ('serviceId' in owner) {
    await db
      .insertInto('ozg_plans')
      .values({ service_id: owner.serviceId, ...values })
      .onConflict((oc) => oc.column('service_id').doUpdateSet(values))
      .execute();
  } else {
    await db
      .insertInto('ozg_leistung_plans')
      .values({ ozg_id: owner.ozgId, ...values })
      .onConflict((oc) => oc.column('ozg_id').doUpdateSet(values))
      .execute();
  }
}

export interface OzgLeistungPlan {
  ozgId: number;
  name: string;
  themenfeld: string;
  plan: Plan | null;
}

/** The OZG-Leistungen that have a plan of their own (no local service yet), for the roadmap. */
export async function plannedOzgLeistungen(db: Db): Promise<OzgLeistungPlan[]> {
  const planned = await db.selectFrom('ozg_leistung_plans').select('ozg_id').execute();
  return ozgLeistungPlans(
    db,
    planned.map((p) => p.ozg_id),
  );
}

/** OZG-Leistungen (all, or one) with their plan, if any. */
export async function ozgLeistungPlans(db: Db, ozgIds: number[]): Promise<OzgLeistungPlan[]> {
  if (ozgIds.length === 0) return [];
  const rows = await db
    .selectFrom('ozg_leistungen as o')
    .innerJoin('themenfelder as tf', 'tf.id', 'o.themenfeld_id')
    .leftJoin('ozg_leistung_plans as p', 'p.ozg_id', 'o.ozg_id')
    .select([
      'o.ozg_id',
      'o.name',
      'tf.name as themenfeld',
      'p.ozg_id as planned',
      'p.responsible_person',
      'p.priority',
      'p.status',
      'p.target_date',
      'p.solution',
      'p.solution_detail',
      'p.notes',
    ])
    .where('o.ozg_id', 'in', ozgIds)
    .orderBy('tf.name')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    ozgId: r.ozg_id,
    name: r.name,
    themenfeld: r.themenfeld,
    plan: r.planned === null ? null : planOf(r),
  }));
}

export interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  doneAt: Date | null;
}

const ownerColumns = (owner: PlanOwner) => ('serviceId' in owner ? { service_id: owner.serviceId } : { ozg_id: owner.ozgId });
const ownerIs = (owner: PlanOwner) => (eb: ExpressionBuilder<Database, 'ozg_milestones'>) =>
  'serviceId' in owner ? eb('service_id', '=', owner.serviceId) : eb('ozg_id', '=', owner.ozgId);

export const milestonesOf = async (db: Db, owner: PlanOwner): Promise<Milestone[]> =>
  (await db.selectFrom('ozg_milestones').selectAll().where(ownerIs(owner)).orderBy('due_date').orderBy('created_at').execute()).map((m) => ({
    id: m.id,
    title: m.title,
    dueDate: m.due_date,
    doneAt: m.done_at,
  }));

export async function addMilestone(db: Db, owner: PlanOwner, title: string, dueDate: string): Promise<string> {
  const row = await db
    .insertInto('ozg_milestones')
    .values({ ...ownerColumns(owner), title, due_date: dueDate })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a milestone of the service or OZG-Leistung done; false when it has no such open milestone. */
export async function completeMilestone(db: Db, owner: PlanOwner, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const row = await db
    .updateTable('ozg_milestones')
    .set({ done_at: sql`now()` })
    .where('id', '=', id)
    .where(ownerIs(owner))
    .where('done_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
