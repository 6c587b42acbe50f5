// Every SQL statement of the forms module.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { FormDefinition } from './definition/schema.ts';
import type { CodeList, CodeListOptions } from './fim/genericode.ts';

type Db = Kysely<Database>;

export async function saveCodeList(db: Db, list: CodeList): Promise<void> {
  const values = {
    canonical_uri: list.canonicalUri,
    version: list.version,
    canonical_version_uri: list.canonicalVersionUri,
    short_name: list.shortName,
    long_name: list.longName,
    entries: JSON.stringify(list.entries),
  };
  await db
    .insertInto('code_lists')
    .values(values)
    .onConflict((oc) => oc.columns(['canonical_uri', 'version']).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** The newest version of every stored code list, to resolve references while importing a form. */
export async function latestCodeLists(db: Db): Promise<CodeListOptions[]> {
  const rows = await db.selectFrom('code_lists').selectAll().distinctOn('canonical_uri').orderBy('canonical_uri').orderBy('version', 'desc').execute();
  return rows.map((r) => ({
    canonicalUri: r.canonical_uri,
    version: r.version,
    canonicalVersionUri: r.canonical_version_uri,
    shortName: r.short_name,
    longName: r.long_name,
    entries: r.entries as CodeList['entries'],
  }));
}

/** Stores the definition as the form's draft: replaces an existing draft, or opens the next version. */
export async function saveDraftVersion(db: Db, definition: FormDefinition): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('forms')
      .values({ id: definition.id, title: definition.title.de })
      .onConflict((oc) => oc.column('id').doUpdateSet({ title: definition.title.de, updated_at: sql`now()` }))
      .execute();
    const draft = await trx
      .selectFrom('form_versions')
      .select('version')
      .where('form_id', '=', definition.id)
      .where('status', '=', 'draft')
      .forUpdate()
      .executeTakeFirst();
    const json = JSON.stringify(definition);
    if (draft) {
      await trx
        .updateTable('form_versions')
        .set({ definition: json, updated_at: sql`now()` })
        .where('form_id', '=', definition.id)
        .where('version', '=', draft.version)
        .where('status', '=', 'draft')
        .execute();
      return draft.version;
    }
    const latest = await trx
      .selectFrom('form_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('form_id', '=', definition.id)
      .executeTakeFirst();
    const version = Number(latest?.v ?? 0) + 1;
    await trx.insertInto('form_versions').values({ form_id: definition.id, version, status: 'draft', definition: json }).execute();
    return version;
  });
}

export async function findFormVersion(db: Db, formId: string, version: number) {
  const row = await db.selectFrom('form_versions').selectAll().where('form_id', '=', formId).where('version', '=', version).executeTakeFirst();
  return row ? { ...row, definition: row.definition as FormDefinition } : undefined;
}

/** Publishes the form's draft version; from then on it never changes. */
export async function publishDraftVersion(db: Db, formId: string): Promise<number | undefined> {
  const row = await db
    .updateTable('form_versions')
    .set({ status: 'published', published_at: sql`now()`, updated_at: sql`now()` })
    .where('form_id', '=', formId)
    .where('status', '=', 'draft')
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/** The newest published version of a form, without its definition. */
export async function latestPublishedVersion(db: Db, formId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('form_versions')
    .select('version')
    .where('form_id', '=', formId)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version;
}

export async function linkFormToService(db: Db, formId: string, serviceId: string): Promise<void> {
  await db.updateTable('forms').set({ service_id: serviceId, updated_at: sql`now()` }).where('id', '=', formId).execute();
}

/** Forms with a published version, with the service they belong to. */
export async function publishedFormOfService(db: Db, serviceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('forms')
    .select('forms.id')
    .where('forms.service_id', '=', serviceId)
    .where((eb) =>
      eb.exists(eb.selectFrom('form_versions').select('version').whereRef('form_versions.form_id', '=', 'forms.id').where('status', '=', 'published')),
    )
    .executeTakeFirst();
  return row?.id;
}

/** Every form with a published version: its newest published version and when it was published. */
export async function listPublishedForms(db: Db) {
  return db
    .selectFrom('form_versions as v')
    .innerJoin('forms as f', 'f.id', 'v.form_id')
    .select(['v.form_id as formId', 'v.version', 'v.published_at as publishedAt', 'v.definition'])
    .where('v.status', '=', 'published')
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('form_versions as w')
        .select((w) => w.fn.max('w.version').as('max'))
        .whereRef('w.form_id', '=', 'v.form_id')
        .where('w.status', '=', 'published'),
    )
    .orderBy('v.form_id')
    .execute();
}

/** Every form with its newest version (draft or published) and the version citizens get now. */
export async function listForms(db: Db) {
  const rows = await db
    .selectFrom('forms as f')
    .innerJoin('form_versions as v', 'v.form_id', 'f.id')
    .select(['f.id', 'f.title', 'v.version', 'v.status', 'v.updated_at', 'v.definition'])
    .orderBy('f.id')
    .orderBy('v.version', 'desc')
    .execute();
  const forms = new Map<
    string,
    { id: string; title: string; latest: number; latestStatus: 'draft' | 'published'; published?: number; todos: number; updatedAt: Date }
  >();
  for (const r of rows) {
    const existing = forms.get(r.id);
    if (!existing) {
      const todos = ((r.definition as { todos?: unknown[] }).todos ?? []).length;
      forms.set(r.id, { id: r.id, title: r.title, latest: r.version, latestStatus: r.status, todos, updatedAt: r.updated_at as Date });
    }
    const form = forms.get(r.id);
    if (form && r.status === 'published' && form.published === undefined) form.published = r.version;
  }
  return [...forms.values()];
}
