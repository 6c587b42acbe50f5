// The demo forms of Musterstadt: Gewerbeanmeldung from the real FIM schema S00000009, and two native
// forms (Hundesteuer, Bewohnerparkausweis). Imported as drafts, checked, and published.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { validateDefinition } from '../definition/validate.ts';
import { InvalidDefinitionError, importCodeList, importFimForm } from '../import.ts';
import { publishDraftVersion, saveDraftVersion } from '../store.ts';
import { bewohnerparkausweis } from './bewohnerparkausweis.ts';
import { hundesteuer } from './hundesteuer.ts';

export const DEMO_FIM_DIR = path.resolve(import.meta.dirname, '../../../seed/fim');

/** Form id → slug of the demo service it belongs to. */
export const DEMO_FORMS = { gewerbeanmeldung: 'gewerbeanmeldung', hundesteuer: 'hundesteuer', bewohnerparkausweis: 'bewohnerparkausweis' } as const;

export async function seedDemoForms(db: Kysely<Database>, fimDir = DEMO_FIM_DIR): Promise<string[]> {
  await importCodeList(db, await fs.readFile(path.join(fimDir, 'C60000016_Staat_genericode.xml'), 'utf8'));
  await importFimForm(db, await fs.readFile(path.join(fimDir, 'S00000009_Gewerbeanmeldung_xdf2.xml'), 'utf8'), 'gewerbeanmeldung');
  for (const definition of [hundesteuer, bewohnerparkausweis]) {
    const problems = validateDefinition(definition);
    if (problems.length > 0) throw new InvalidDefinitionError(problems);
    await saveDraftVersion(db, definition);
  }
  for (const id of Object.keys(DEMO_FORMS)) await publishDraftVersion(db, id);
  return Object.keys(DEMO_FORMS);
}
