// Real FIM schemas run as forms: both XDatenfelder variants of the Gewerbeanmeldung and the Blue Card
// application import, publish, render every step and can be completed and submitted; the submission
// data keyed by FIM ids validates against the exported JSON Schema.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type Answers, importCodeList, importFimForm, publishDraftVersion, submissionData } from '../../src/forms/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, formAction, multipartBody } from '../support/browser.ts';
import { fillStep } from '../support/fill.ts';
import { PNG } from '../support/journeys.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');
const read = (file: string) => fs.readFileSync(path.join(FIM, file), 'utf8');

let t: TestApp;
before(async () => {
  t = await createTestApp('catalog');
  await importCodeList(t.database.db, read('codelists/C60000016_Staat_genericode.xml'));
});
after(async () => t.close());

const SCHEMAS = [
  ['gewerbe-xdf2', 'schemas/S00000009_Gewerbeanmeldung_xdf2.xml'],
  ['gewerbe-xdf3', 'schemas/S00000009_Gewerbeanmeldung_xdf3-converted.xml'],
  ['blaue-karte-xdf2', 'schemas/S00000121_Antrag_Blaue_Karte_EU_xdf2.xml'],
  ['blaue-karte-xdf3', 'schemas/S00000121_Antrag_Blaue_Karte_EU_xdf3-converted.xml'],
] as const;

describe('FIM schemas as online forms', () => {
  for (const [formId, file] of SCHEMAS) {
    it(`${file} can be filled in and submitted`, async () => {
      const { definition } = await importFimForm(t.database.db, read(file), formId);
      assert.equal(await publishDraftVersion(t.database.db, formId), 1);
      const b = new Browser(t.app);
      let page = await b.get(`/antrag/${formId}`);
      assert.equal(page.status, 200);
      page = await b.post(`/antrag/${formId}`, {}, page.html);
      for (const step of definition.steps) {
        if (!page.url.endsWith(`/schritt/${step.id}`)) continue; // a step whose condition does not apply
        assert.equal(page.status, 200, `${step.id} renders`);
        const { body, files } = fillStep(definition, step);
        if (files.length === 0) {
          const empty = await b.post(page.url, {}, page.html);
          if (Object.keys(body).length > 0) assert.equal(empty.status, 422, `${step.id}: required questions are enforced`);
          page = await b.post(page.url, body, page.html);
        } else {
          const upload = multipartBody(
            body,
            files.map((name) => ({ name, filename: `${name}.png`, type: 'image/png', data: PNG })),
          );
          page = await b.request('POST', formAction(page.html, `/schritt/${step.id}`), upload.payload, { 'content-type': upload.contentType });
        }
        assert.notEqual(page.status, 422, `${step.id}: ${/<div class="kern-alert__body">([\s\S]*?)<\/div>/.exec(page.html)?.[1]?.replace(/<[^>]+>/g, ' ')}`);
      }
      assert.equal(page.url, `/antrag/${formId}/pruefen`);
      page = await b.post(`/antrag/${formId}/absenden`, { email: '', declaration: 'ja' }, page.html);
      assert.equal(page.url, `/antrag/${formId}/bestaetigung`);
      assert.match(page.html, /MST-\d{4}-\d{6}/);

      const exported = await t.app.inject({ url: `/api/v1/forms/${formId}/versions/1/submission-schema.json` });
      assert.equal(exported.statusCode, 200);
      assert.match(String(exported.headers['content-type']), /^application\/schema\+json/);
      const schema = exported.json();
      assert.equal(schema.$id, `http://localhost:3000/api/v1/forms/${formId}/versions/1/submission-schema.json`);
      assert.ok(
        Object.keys(schema.properties).every((key) => /^[GF](\d{8}|\d{11})$/.test(key)),
        'keyed by FIM element ids',
      );
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormats.default(ajv);
      const validate = ajv.compile(schema);
      const row = await t.database.db
        .selectFrom('applications')
        .select('answers')
        .where('form_id', '=', formId)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      const data = submissionData(definition, row.answers as Answers);
      assert.equal(validate(data), true, JSON.stringify(validate.errors?.slice(0, 3)));
      assert.equal(validate({ ...data, F99999999: 'x' }), false, 'nothing outside the schema');
    });
  }
});
