// Importing code lists and FIM schemas into the database as form drafts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FimImportError } from '../../src/forms/fim/model.ts';
import { InvalidDefinitionError, importCodeList, importFimForm } from '../../src/forms/import.ts';
import { findFormVersion } from '../../src/forms/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');
const read = (file: string) => fs.readFileSync(path.join(FIM, file), 'utf8');
const GEWERBE = read('schemas/S00000009_Gewerbeanmeldung_xdf2.xml');
const STAAT_URI = 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('catalog');
});
after(async () => database.drop());

describe('FIM import into the database', () => {
  it('imports a code list (idempotently) and resolves it in a later form import', async () => {
    assert.deepEqual(await importCodeList(database.db, read('codelists/C60000016_Staat_genericode.xml')), {
      canonicalUri: STAAT_URI,
      version: '2020-05-11',
      entries: 197,
    });
    await importCodeList(database.db, read('codelists/C60000016_Staat_genericode.xml'));
    const { definition, version } = await importFimForm(database.db, GEWERBE, 'gewerbeanmeldung');
    assert.equal(version, 1);
    assert.equal(definition.codeLists[STAAT_URI]?.options.length, 197);
    assert.ok(!definition.todos.some((t) => t.message.includes(`„${STAAT_URI}“`)));
    const stored = await findFormVersion(database.db, 'gewerbeanmeldung', 1);
    assert.equal(stored?.status, 'draft');
    assert.deepEqual(stored?.definition, definition);
  });

  it('replaces the draft, and opens a new version once the draft is published', async () => {
    assert.equal((await importFimForm(database.db, GEWERBE, 'gewerbeanmeldung')).version, 1);
    await database.db.updateTable('form_versions').set({ status: 'published', published_at: new Date() }).where('form_id', '=', 'gewerbeanmeldung').execute();
    assert.equal((await importFimForm(database.db, read('schemas/S00000009_Gewerbeanmeldung_xdf3-converted.xml'), 'gewerbeanmeldung')).version, 2);
    assert.equal((await findFormVersion(database.db, 'gewerbeanmeldung', 1))?.definition.source?.xdfVersion, '2.0', 'the published version is unchanged');
  });

  it('rejects a bad form id and documents that are not FIM, storing nothing', async () => {
    await assert.rejects(importFimForm(database.db, GEWERBE, 'Gewerbe Anmeldung'), InvalidDefinitionError);
    await assert.rejects(importFimForm(database.db, '<rechnung/>', 'rechnung'), FimImportError);
    assert.equal(await database.db.selectFrom('forms').select('id').where('id', '=', 'rechnung').executeTakeFirst(), undefined);
  });
});
