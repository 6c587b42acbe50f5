// Every SQL statement of a service's case settings: deadline, workflow and notice templates. Only
// services that the staff member's Organisationseinheiten handle are found.
import { type Kysely, sql } from 'kysely';
import type { CaseStatus, Database, NoticeOutcome } from '../../platform/db/schema.ts';
import { visibleServices } from '../cases/store.ts';

type Db = Kysely<Database>;

export interface TemplateInput {
  name: string;
  outcome: NoticeOutcome;
  body: string;
  legalRemedy: string;
  feeCents: number;
}

export const servicesWithSettings = (db: Db, organisationIds: string[]) =>
  db
    .selectFrom('services as s')
    .select(['s.id', 's.title', 's.processing_days', 's.workflow'])
    .select((eb) => eb.selectFrom('notice_templates as t').select(eb.fn.countAll<string>().as('n')).whereRef('t.service_id', '=', 's.id').as('templates'))
    .where('s.id', 'in', visibleServices(db, organisationIds))
    .orderBy('s.title')
    .execute();

export const findService = (db: Db, id: string, organisationIds: string[]) =>
  /^[0-9a-f-]{36}$/.test(id)
    ? db
        .selectFrom('services')
        .select(['id', 'title', 'processing_days', 'workflow', 'notice_to_postbox', 'paper_step'])
        .where('id', '=', id)
        .where('id', 'in', visibleServices(db, organisationIds))
        .executeTakeFirst()
    : Promise.resolve(undefined);

/** Statuses that open cases of the service are in now. */
export const statusesInUse = async (db: Db, serviceId: string): Promise<CaseStatus[]> =>
  (
    await db
      .selectFrom('applications')
      .select('case_status')
      .distinct()
      .where('service_id', '=', serviceId)
      .where('status', '=', 'submitted')
      .where('case_status', 'is not', null)
      .execute()
  ).map((r) => r.case_status as CaseStatus);

export const saveProcessingDays = (db: Db, serviceId: string, days: number) =>
  db.updateTable('services').set({ processing_days: days, updated_at: sql`now()` }).where('id', '=', serviceId).execute();

export const saveDelivery = (db: Db, serviceId: string, change: { noticeToPostbox: boolean; paperStep: boolean }) =>
  db
    .updateTable('services')
    .set({ notice_to_postbox: change.noticeToPostbox, paper_step: change.paperStep, updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();

export const saveWorkflow = (db: Db, serviceId: string, workflow: Record<CaseStatus, CaseStatus[]> | null) =>
  db
    .updateTable('services')
    .set({ workflow: workflow ? JSON.stringify(workflow) : null, updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();

export const templatesOf = (db: Db, serviceId: string) =>
  db.selectFrom('notice_templates').selectAll().where('service_id', '=', serviceId).orderBy('name').execute();

export const findTemplate = (db: Db, serviceId: string, id: string) =>
  /^[0-9a-f-]{36}$/.test(id)
    ? db.selectFrom('notice_templates').selectAll().where('service_id', '=', serviceId).where('id', '=', id).executeTakeFirst()
    : Promise.resolve(undefined);

const columns = (t: TemplateInput) => ({ name: t.name, outcome: t.outcome, body: t.body, legal_remedy: t.legalRemedy, fee_cents: t.feeCents });

export async function saveTemplate(db: Db, serviceId: string, id: string | undefined, input: TemplateInput): Promise<string> {
  if (id) {
    await db
      .updateTable('notice_templates')
      .set({ ...columns(input), updated_at: sql`now()` })
      .where('id', '=', id)
      .where('service_id', '=', serviceId)
      .execute();
    return id;
  }
  return (
    await db
      .insertInto('notice_templates')
      .values({ service_id: serviceId, ...columns(input) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export const deleteTemplate = (db: Db, serviceId: string, id: string) =>
  db.deleteFrom('notice_templates').where('id', '=', id).where('service_id', '=', serviceId).execute();
