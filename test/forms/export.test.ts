// The forms API: published definitions (immutable versions), the definition's own JSON Schema, and
// the JSON Schema and data of submissions for native forms (FIM forms: test/applications/fim-forms).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type FormDefinition, saveDraftVersion, submissionData, submissionSchema } from '../../src/forms/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

function ajv(): Ajv2020 {
  const instance = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(instance);
  return instance;
}

describe('forms API', () => {
  it('lists the published forms with links to definition, submission schema and online application', async () => {
    const res = await t.app.inject({ url: '/api/v1/forms' });
    assert.equal(res.statusCode, 200);
    const { items } = res.json();
    assert.deepEqual(
      items.map((f: { id: string }) => f.id),
      ['bewohnerparkausweis', 'gewerbeanmeldung', 'hundesteuer'],
    );
    const gewerbe = items.find((f: { id: string }) => f.id === 'gewerbeanmeldung');
    assert.deepEqual(gewerbe.fim, { schemaId: 'S00000009', schemaVersion: gewerbe.fim.schemaVersion, xdfVersion: '2.0' });
    assert.equal(gewerbe.definition, 'http://localhost:3000/api/v1/forms/gewerbeanmeldung/versions/1');
    assert.equal(gewerbe.submissionSchema, 'http://localhost:3000/api/v1/forms/gewerbeanmeldung/versions/1/submission-schema.json');
    assert.equal(gewerbe.onlineApplication, 'http://localhost:3000/antrag/gewerbeanmeldung');
  });

  it('serves a published version unchanged and forever, and never a draft', async () => {
    const current = await t.app.inject({ url: '/api/v1/forms/hundesteuer' });
    assert.equal(current.statusCode, 302);
    assert.equal(current.headers.location, '/api/v1/forms/hundesteuer/versions/1');
    const v1 = await t.app.inject({ url: '/api/v1/forms/hundesteuer/versions/1' });
    assert.equal(v1.statusCode, 200);
    assert.match(String(v1.headers['cache-control']), /immutable/);
    const definition = v1.json() as FormDefinition;
    assert.equal(definition.id, 'hundesteuer');

    await saveDraftVersion(t.database.db, { ...definition, title: { de: 'Entwurf' } });
    const draft = await t.app.inject({ url: '/api/v1/forms/hundesteuer/versions/2' });
    assert.equal(draft.statusCode, 404);
    assert.match(String(draft.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await t.app.inject({ url: '/api/v1/forms/hundesteuer/versions/2/submission-schema.json' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/forms/hundesteuer' })).headers.location, '/api/v1/forms/hundesteuer/versions/1');
    assert.equal((await t.app.inject({ url: '/api/v1/forms/Nicht_da' })).statusCode, 400, 'a malformed id is a bad request');
    assert.equal((await t.app.inject({ url: '/api/v1/forms/nicht-da' })).statusCode, 404);
  });

  it('publishes the JSON Schema of the form definition, which every demo form satisfies', async () => {
    const res = await t.app.inject({ url: '/api/v1/schemas/form-definition.schema.json' });
    assert.equal(res.statusCode, 200);
    const validate = ajv().compile(res.json());
    for (const id of ['bewohnerparkausweis', 'gewerbeanmeldung', 'hundesteuer']) {
      const definition = (await t.app.inject({ url: `/api/v1/forms/${id}/versions/1` })).json();
      assert.equal(validate(definition), true, `${id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
    }
    const broken = (await t.app.inject({ url: '/api/v1/forms/hundesteuer/versions/1' })).json();
    broken.steps[0].items[0].type = 'colour';
    assert.equal(validate(broken), false);
  });

  it('describes native submission data by item id, with conditional parts optional', async () => {
    const definition = (await t.app.inject({ url: '/api/v1/forms/hundesteuer/versions/1' })).json() as FormDefinition;
    const schema = submissionSchema(definition, 1, 'https://example.org/hundesteuer/1');
    const validate = ajv().compile(schema);
    assert.deepEqual(schema.required, ['vorname', 'nachname', 'anschrift', 'geburtsdatum', 'hund', 'grund', 'lastschrift']);
    const answers = {
      vorname: 'Erika',
      nachname: 'Mustermann',
      strasse: 'Hauptstraße 1',
      plz: '12345',
      geburtsdatum: '1964-08-12',
      hund: [{ name: 'Rex', rasse: 'Dackel', haltung_seit: '2026-03-01', listenhund: true, wesenstest: true }],
      grund: 'keine',
      lastschrift: false,
    };
    const { strasse, plz, ...rest } = answers;
    const data = submissionData(definition, { ...answers, ort: 'Musterstadt' });
    assert.deepEqual(data, { ...rest, anschrift: { strasse, plz, ort: 'Musterstadt' } }, 'the address group is one object');
    assert.equal(validate(data), true, JSON.stringify(validate.errors));
    assert.equal(validate({ ...data, grund: 'zirkus' }), false, 'codes outside the list are invalid');
    assert.equal(validate({ ...data, hund: [] }), false, 'at least one dog');
    assert.equal(validate({ ...data, geburtsdatum: '12.08.1964' }), false, 'dates in ISO 8601');
    assert.equal(validate({ ...data, anschrift: { strasse } }), false, 'the postcode is required');
  });

  it('turns stored cents into euros and keeps FIM group nesting for flat groups', () => {
    const definition: FormDefinition = {
      schemaVersion: 1,
      id: 'gebuehr',
      title: { de: 'Gebühr' },
      codeLists: {},
      todos: [],
      steps: [
        {
          id: 'schritt',
          fimId: 'G00000001',
          title: { de: 'Angaben' },
          items: [
            {
              kind: 'group',
              id: 'betrag_gruppe',
              fimId: 'G00000002',
              label: { de: 'Betrag' },
              repeat: { min: 1, max: 1 },
              items: [{ kind: 'field', id: 'betrag', fimId: 'F00000003', label: { de: 'Betrag' }, type: 'currency', required: true }],
            },
          ],
        },
      ],
    };
    const data = submissionData(definition, { betrag: 1234 });
    assert.deepEqual(data, { G00000001: { G00000002: { F00000003: 12.34 } } });
    assert.equal(ajv().compile(submissionSchema(definition, 1, 'https://example.org/gebuehr/1'))(data), true);
  });
});
