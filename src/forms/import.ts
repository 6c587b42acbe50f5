// Importing FIM material into Amtsweg: genericode code lists and Stammdatenschemata as form drafts.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { definitionFromFim } from './definition/from-fim.ts';
import type { FormDefinition } from './definition/schema.ts';
import { type DefinitionProblem, validateDefinition } from './definition/validate.ts';
import { parseGenericode } from './fim/genericode.ts';
import { parseXDatenfelder } from './fim/parse.ts';
import { latestCodeLists, saveCodeList, saveDraftVersion } from './store.ts';

export async function importCodeList(db: Kysely<Database>, xml: string) {
  const list = parseGenericode(xml);
  await saveCodeList(db, list);
  return { canonicalUri: list.canonicalUri, version: list.version, entries: list.entries.length };
}

export class InvalidDefinitionError extends Error {
  readonly code = 'INVALID_DEFINITION';
  constructor(readonly problems: DefinitionProblem[]) {
    super(`The form definition is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

const FORM_ID = /^[a-z][a-z0-9-]{1,62}$/;

export interface FimImportResult {
  definition: FormDefinition;
  version: number;
}

/** Parses, maps (resolving stored code lists), checks and stores a FIM schema as the form's draft. */
export async function importFimForm(db: Kysely<Database>, xml: string, formId: string): Promise<FimImportResult> {
  if (!FORM_ID.test(formId))
    throw new InvalidDefinitionError([{ path: '/id', message: `"${formId}" is not a form id (lowercase letters, digits and hyphens, 2–63 characters)` }]);
  const schema = parseXDatenfelder(xml);
  const definition = definitionFromFim(schema, formId, await latestCodeLists(db));
  const problems = validateDefinition(definition);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  return { definition, version: await saveDraftVersion(db, definition) };
}
