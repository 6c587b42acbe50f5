// Real FIM schemas run as forms: both XDatenfelder variants of the Gewerbeanmeldung and the Blue Card
// application import, publish, render every step and can be completed and submitted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importCodeList, importFimForm, publishDraftVersion } from '../../src/forms/index.ts';
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
    });
  }
});
