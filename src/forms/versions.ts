// Published form versions, cached in-process: a published version never changes, so a cached copy
// is always right. Drafts are read from the database every time.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { FormDefinition } from './definition/schema.ts';
import { findFormVersion, latestPublishedVersion } from './store.ts';

export interface FormVersion {
  formId: string;
  version: number;
  status: 'draft' | 'published';
  definition: FormDefinition;
}

export interface FormVersions {
  /** The version a new application starts with; undefined if the form is not published. */
  current(formId: string): Promise<FormVersion | undefined>;
  /** The exact version an application is bound to. */
  get(formId: string, version: number): Promise<FormVersion | undefined>;
}

const FORM_ID = /^[a-z][a-z0-9-]{1,62}$/;

export function formVersions(db: Kysely<Database>): FormVersions {
  const published = new Map<string, FormVersion>();
  async function get(formId: string, version: number): Promise<FormVersion | undefined> {
    const key = `${formId}@${version}`;
    const cached = published.get(key);
    if (cached) return cached;
    const row = await findFormVersion(db, formId, version);
    if (!row) return undefined;
    const found: FormVersion = { formId, version, status: row.status, definition: row.definition };
    if (row.status === 'published') published.set(key, found);
    return found;
  }
  return {
    async current(formId) {
      if (!FORM_ID.test(formId)) return undefined;
      const version = await latestPublishedVersion(db, formId);
      return version === undefined ? undefined : get(formId, version);
    },
    get: (formId, version) => (FORM_ID.test(formId) ? get(formId, version) : Promise.resolve(undefined)),
  };
}
