// Every SQL statement of the OZG module: the facts each service's maturity is computed from (its
// catalogue entry, its newest published form version, its settings) and the coordination's override.
import { type Kysely, sql } from 'kysely';
import { type FormDefinition, fieldsById, hasFileField } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { MaturityFacts, Reifegrad } from './maturity.ts';

type Db = Kysely<Database>;

export interface ServiceFacts {
  id: string;
  slug: string;
  title: string;
  status: 'draft' | 'published';
  ozgId: number | null;
  leikaKey: string | null;
  organisation: string | null;
  onlineServiceUrl: string | null;
  formId: string | null;
  facts: MaturityFacts;
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
      'o.name as organisation',
      's.online_service_url',
      's.required_documents',
      's.notice_to_postbox',
      's.paper_step',
      's.maturity_override',
      's.maturity_override_reason',
      'pf.form_id',
      'pf.definition',
    ])
    .$if(serviceId !== undefined, (q) => q.where('s.id', '=', serviceId as string))
    .orderBy('s.title')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    ozgId: r.ozg_id,
    leikaKey: r.leika_key,
    organisation: r.organisation,
    onlineServiceUrl: r.online_service_url,
    formId: r.form_id,
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
