// Matching services to the federal catalogue: suggestions by similarity of names, keywords and
// legal basis; an editor confirms one (the service takes LeiKa key and OZG-Leistung) or rejects it
// (not offered again); the bulk view lists unmatched services and uncovered OZG-Leistungen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { suggestMatches, uncoveredOzgLeistungen } from '../../src/catalog/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

describe('matching to the OZG catalogue', () => {
  let t: TestApp;
  let editor: Browser;
  let serviceId: string;
  before(async () => {
    t = await createTestApp('demo');
    const db = t.database.db;
    const service = await db.selectFrom('services').select('id').where('slug', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow();
    serviceId = service.id;
    await db.updateTable('services').set({ leika_key: null, ozg_id: null }).where('id', '=', serviceId).execute();
    editor = new Browser(t.app);
    await staffSignedIn(editor, db, 'redaktion@musterstadt.example', ['redaktion'], []);
  });
  after(() => t.close());

  it('suggests the LeiKa entries of the same name and law first', async () => {
    const suggestions = await suggestMatches(t.database.db, serviceId);
    assert.deepEqual(
      suggestions.slice(0, 2).map((s) => s.leistungsschluessel),
      ['99108001000000', '99108001001000'],
    );
    assert.ok(suggestions[0]?.sameLaw, 'StVO in the legal basis and in the LeiKa entry');
    assert.ok(
      suggestions.every((s, i) => i === 0 || (suggestions[i - 1]?.score ?? 0) >= s.score),
      'best first',
    );
  });

  it('lists unmatched services and OZG-Leistungen without a local service', async () => {
    const page = await editor.get('/backoffice/zuordnung');
    assert.equal(page.status, 200);
    assert.match(page.html, /Leistungen ohne Zuordnung \(1\)[\s\S]*Bewohnerparkausweis/);
    const uncovered = await uncoveredOzgLeistungen(t.database.db);
    const covered = new Set((await t.database.db.selectFrom('services').select('ozg_id').where('ozg_id', 'is not', null).execute()).map((s) => s.ozg_id));
    assert.ok(uncovered.length > 100, 'most municipal OZG-Leistungen have no demo service');
    assert.ok(
      uncovered.every((o) => !covered.has(o.ozg_id)),
      'none of them has a local service',
    );
    assert.ok(!uncovered.some((o) => o.ozg_id === 10294), 'Gewerbeanmeldung has one');
    assert.match(page.html, new RegExp(`OZG-Leistungen in kommunaler Zuständigkeit ohne eigene Leistung \\(${uncovered.length}\\)`));
  });

  it('lists published services whose review is over a year old, oldest first', async () => {
    const db = t.database.db;
    await db.updateTable('services').set({ last_reviewed: '2020-03-01' }).where('slug', '=', 'gewerbeanmeldung').execute();
    await db.updateTable('services').set({ last_reviewed: null }).where('slug', '=', 'hundesteuer').execute();
    const page = await editor.get('/backoffice/zuordnung');
    assert.match(page.html, /Überprüfung fällig \(\d+\)/);
    assert.match(
      page.html,
      /<th scope="row"><a class="kern-link" href="\/backoffice\/redaktion\/[0-9a-f-]{36}">Hundesteuer – Hund anmelden<\/a><\/th><td>noch nie<\/td>[\s\S]*>Gewerbeanmeldung<\/a><\/th><td>01\.03\.2020<\/td>/,
    );
  });

  it('takes a confirmed match and never offers a rejected one again; both audited', async () => {
    let page = await editor.get(`/backoffice/zuordnung/${serviceId}`);
    assert.match(page.html, /„Bewohnerparkausweis“ übernehmen/);
    page = await editor.post(`/backoffice/zuordnung/${serviceId}/verwerfen`, { key: '99108001000000' }, page.html);
    assert.match(page.html, /Der Vorschlag wird nicht mehr angeboten\./);
    assert.ok(!(await suggestMatches(t.database.db, serviceId)).some((s) => s.leistungsschluessel === '99108001000000'));
    page = await editor.post(`/backoffice/zuordnung/${serviceId}/uebernehmen`, { key: '99108001001000' }, page.html);
    assert.match(page.html, /der LeiKa-Leistung 99108001001000 zugeordnet/);
    const service = await t.database.db.selectFrom('services').select(['leika_key', 'ozg_id']).where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.deepEqual(service, { leika_key: '99108001001000', ozg_id: 10173 });
    const bad = await editor.post(`/backoffice/zuordnung/${serviceId}/uebernehmen`, { key: '99999999999999' }, page.html);
    assert.equal(bad.status, 400);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', serviceId).execute();
    assert.deepEqual(
      actions.map((a) => a.action).filter((a) => a.startsWith('catalog.')),
      ['catalog.match_rejected', 'catalog.match_confirmed'],
    );
  });
});
