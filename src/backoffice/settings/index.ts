// A service's case settings as the team lead edits them: processing deadline, workflow and notice
// templates. Checks and saves here, without HTTP; every change is audited with its content.
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/index.ts';
import type { Database, NoticeOutcome } from '../../platform/db/schema.ts';
import { NOTICE_OUTCOMES } from '../cases/notices.ts';
import { parseFee, unknownPlaceholders } from '../cases/template.ts';
import { CASE_STATUSES, checkWorkflow, DEFAULT_TRANSITIONS, type Workflow, type WorkflowProblem } from '../cases/workflow.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

const record = (db: Db, staffId: string, serviceId: string, action: string, details: Record<string, unknown>) =>
  audit(db, { actorType: 'staff', actorId: staffId, action, objectType: 'service', objectId: serviceId, details });

/** Processing deadline in days (1–365); false when the text is not such a number. */
export async function updateProcessingDays(db: Db, serviceId: string, text: string, staffId: string): Promise<boolean> {
  const days = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : 0;
  if (days < 1 || days > 365) return false;
  await store.saveProcessingDays(db, serviceId, days);
  await record(db, staffId, serviceId, 'service.processing_days', { days });
  return true;
}

/** How notices reach the citizen and whether the process has a step on paper (both count for the Reifegrad). */
export async function updateDelivery(db: Db, serviceId: string, change: { noticeToPostbox: boolean; paperStep: boolean }, staffId: string): Promise<void> {
  await store.saveDelivery(db, serviceId, change);
  await record(db, staffId, serviceId, 'service.delivery', change);
}

/** The workflow from the settings form: for each status, the checked statuses that may follow it. */
export function workflowFromForm(body: Record<string, unknown>): Workflow {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
  return Object.fromEntries(
    CASE_STATUSES.map((from) => [from, CASE_STATUSES.filter((to) => to !== from && list(body[`next-${from}`]).includes(to))]),
  ) as Workflow;
}

const sameAsDefault = (w: Workflow) => CASE_STATUSES.every((s) => [...w[s]].sort().join() === [...DEFAULT_TRANSITIONS[s]].sort().join());

/** Saves the service's workflow (null: back to the default), unless it would trap cases. */
export async function updateWorkflow(db: Db, serviceId: string, workflow: Workflow | null, staffId: string): Promise<WorkflowProblem[]> {
  const problems = workflow ? checkWorkflow(workflow, await store.statusesInUse(db, serviceId)) : [];
  if (problems.length > 0) return problems;
  const own = workflow && !sameAsDefault(workflow) ? workflow : null;
  await store.saveWorkflow(db, serviceId, own);
  await record(db, staffId, serviceId, 'service.workflow', { workflow: own ?? 'default' });
  return [];
}

export interface TemplateForm {
  name: string;
  outcome: string;
  body: string;
  legalRemedy: string;
  fee: string;
}

export type TemplateError = { field: 'name' | 'outcome' | 'body' | 'legalRemedy' | 'fee'; problem: 'missing' | 'invalid'; names?: string[] };

/** Checks a template as typed; the errors name the field and what is wrong. */
export function checkTemplate(form: TemplateForm): { input?: store.TemplateInput; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const outcome = NOTICE_OUTCOMES.find((o) => o === form.outcome) as NoticeOutcome | undefined;
  const feeCents = parseFee(form.fee || '0');
  if (!form.name.trim()) errors.push({ field: 'name', problem: 'missing' });
  if (!outcome) errors.push({ field: 'outcome', problem: 'missing' });
  for (const field of ['body', 'legalRemedy'] as const) {
    const unknown = unknownPlaceholders(form[field]);
    if (!form[field].trim()) errors.push({ field, problem: 'missing' });
    else if (unknown.length > 0) errors.push({ field, problem: 'invalid', names: unknown });
  }
  if (feeCents === undefined) errors.push({ field: 'fee', problem: 'invalid' });
  if (errors.length > 0 || !outcome || feeCents === undefined) return { errors };
  const input = { name: form.name.trim().slice(0, 200), outcome, body: form.body.slice(0, 20000), legalRemedy: form.legalRemedy.slice(0, 5000), feeCents };
  return { input, errors };
}

export async function saveTemplate(db: Db, serviceId: string, id: string | undefined, input: store.TemplateInput, staffId: string): Promise<string> {
  const saved = await store.saveTemplate(db, serviceId, id, input);
  await record(db, staffId, serviceId, 'service.template_saved', { template: saved, ...input });
  return saved;
}

export async function deleteTemplate(db: Db, serviceId: string, id: string, staffId: string): Promise<void> {
  await store.deleteTemplate(db, serviceId, id);
  await record(db, staffId, serviceId, 'service.template_deleted', { template: id });
}
