import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser, formAction, multipartBody, type Page } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');

describe('editors import FIM schemas and code lists by upload', () => {
  let t: TestApp;
  let editor: Browser;
  before(async () => {
    t = await createTestApp('demo');
    editor = new Browser(t.app);
    await staffSignedIn(editor, t.database.db, 'redaktion@musterstadt.example', ['redaktion']);
  });
  after(() => t.close());

  async function upload(page: Page, kind: 'fim' | 'codelist', formId: string, file?: string) {
    const files = file ? [{ name: 'file', filename: path.basename(file), type: 'text/xml', data: fs.readFileSync(path.join(FIM, file)) }] : [];
    const { payload, contentType } = multipartBody({ kind, formId }, files);
    return editor.request('POST', formAction(page.html, '/backoffice/formulare'), payload, { 'content-type': contentType });
  }

  test('a code list, then a real XDatenfelder 3.0 schema as a draft with its to-dos, then publishing makes it fillable', async () => {
    let page = await editor.get('/backoffice/formulare');
    assert.equal(textOf(page.html, 'h1'), 'Formulare');
    assert.match(page.html, /<code>gewerbeanmeldung<\/code>/);
    page = await upload(page, 'codelist', '', 'codelists/C60000016_Staat_genericode.xml');
    assert.match(page.html, /Codeliste urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat \(Version 2020-05-11\) mit 197 Einträgen importiert/);
    page = await upload(page, 'fim', 'blaue-karte', 'schemas/S00000121_Antrag_Blaue_Karte_EU_xdf3-converted.xml');
    assert.equal(page.status, 200);
    assert.match(page.html, /als Entwurf 1 von blaue-karte importiert/);
    assert.match(page.html, /FIM-Regel R\d+/, 'rules are shown as to-dos');
    assert.equal((await t.app.inject({ url: '/antrag/blaue-karte' })).statusCode, 404, 'a draft is not online');
    page = await editor.post('/backoffice/formulare/blaue-karte/veroeffentlichen', {}, page.html);
    assert.match(page.html, /Das Formular blaue-karte ist veröffentlicht/);
    assert.equal((await t.app.inject({ url: '/antrag/blaue-karte' })).statusCode, 200);
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('object_id', 'in', ['blaue-karte']).execute();
    assert.deepEqual(audited.map((a) => a.action).sort(), ['form.import', 'form.publish']);
  });

  test('bad files and missing input get precise messages next to the field', async () => {
    let page = await editor.get('/backoffice/formulare');
    page = await upload(page, 'fim', 'Kaputt!', undefined);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#file"/);
    assert.match(page.html, /href="#formId"/);
    page = await upload(page, 'fim', 'kaputt', 'synthetic/v3/empty-id-node.xml');
    assert.equal(page.status, 422);
    assert.match(page.html, /Die ID ist leer \(datenfeldgruppe\/identifikation\/id\)/);
    page = await upload(page, 'fim', 'kaputt', 'synthetic/v2/unknown-namespace.xml');
    assert.equal(page.status, 422);
    assert.match(page.html, /id="file-error"/);
  });

  test('only the editors’ role opens the page', async () => {
    const worker = new Browser(t.app);
    await staffSignedIn(worker, t.database.db, 'sb@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    assert.equal((await worker.get('/backoffice/formulare')).status, 403);
  });
});
