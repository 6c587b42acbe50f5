// The OZG coordination's pages: every service's Reifegrad with the next step, a service's criteria,
// and the override – refused without a reason, audited, shown as set manually, removable.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

describe('OZG implementation pages', () => {
  let t: TestApp;
  let coordinator: Browser;
  let parking: string;
  before(async () => {
    t = await createTestApp('demo');
    coordinator = new Browser(t.app);
    await staffSignedIn(coordinator, t.database.db, 'ozg@musterstadt.example', ['ozg_koordination'], []);
    parking = (await t.database.db.selectFrom('services').select('id').where('slug', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('list every service with its Reifegrad and next step, filterable by level', async () => {
    const page = await coordinator.get('/backoffice/ozg');
    assert.equal(page.status, 200);
    assert.match(page.html, /Bewohnerparkausweis<\/a><\/th><td>10173<\/td><td>2 – Formular online<\/td><td>Im Formular die Anmeldung mit eID/);
    assert.match(page.html, /<th scope="row">2 – Formular online<\/th><td>27<\/td>/, 'the distribution');
    const two = await coordinator.get('/backoffice/ozg?reifegrad=2');
    assert.ok(two.html.includes('>Bewohnerparkausweis<'));
    const one = await coordinator.get('/backoffice/ozg?reifegrad=1');
    assert.ok(!one.html.includes('>Bewohnerparkausweis<'), 'filtered by level');
    assert.equal((one.html.match(/<tr><th scope="row"><a /g) ?? []).length, 15);
  });

  it('explain a service and take an override only with a reason', async () => {
    let page = await coordinator.get(`/backoffice/ozg/${parking}`);
    assert.match(page.html, /Ein Online-Antrag ist verfügbar\./);
    assert.match(page.html, /Was für „3 – vollständig online“ fehlt/);
    page = await coordinator.post(`/backoffice/ozg/${parking}/festlegung`, { level: '3', reason: '  ' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Begründen Sie die Festlegung\./);
    page = await coordinator.post(
      `/backoffice/ozg/${parking}/festlegung`,
      { level: '3', reason: 'Ausweis wird per eID-Abgleich im Fachverfahren geprüft' },
      page.html,
    );
    assert.match(page.html, /Der Reifegrad ist festgelegt\./);
    assert.match(page.html, /3 – vollständig online \(festgelegt\)/);
    const list = await coordinator.get('/backoffice/ozg');
    assert.match(list.html, /Bewohnerparkausweis<\/a><\/th><td>10173<\/td><td>3 – vollständig online \(festgelegt\)/);
    const audited = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'ozg.override').executeTakeFirstOrThrow();
    assert.deepEqual(audited.details, { level: 3, computed: 2, reason: 'Ausweis wird per eID-Abgleich im Fachverfahren geprüft' });
    page = await coordinator.post(`/backoffice/ozg/${parking}/festlegung-aufheben`, {}, page.html);
    assert.match(page.html, /es gilt der berechnete Reifegrad/);
    assert.doesNotMatch(page.html, /\(festgelegt\)/);
  });
});
