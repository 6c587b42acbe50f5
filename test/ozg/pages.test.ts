// The OZG coordination's pages: every service's Reifegrad with the next step, a service's criteria,
// and the override – refused without a reason, audited, shown as set manually, removable.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';
import { readZip } from '../support/zip.ts';

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
    assert.match(page.html, /Fortschritt nach Themenfeld[\s\S]*<th scope="row">Mobilität &amp; Reisen<\/th>/);
    assert.match(
      page.html,
      /Fortschritt nach Lebenslage[\s\S]*<caption[^>]*>Fortschritt nach Lebenslage<\/caption>[\s\S]*<th scope="row">[^<]+<\/th><td>\d+<\/td>/,
    );
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

  it('keep a plan with KDN priority and status, milestones, and show overdue dates and the roadmap', async () => {
    let page = await coordinator.get(`/backoffice/ozg/${parking}`);
    const plan = {
      responsiblePerson: 'Petra Plan',
      priority: '4',
      status: '3',
      targetDate: '31.02.2027',
      solution: 'efa',
      solutionDetail: 'kein-link',
      notes: '',
    };
    page = await coordinator.post(`/backoffice/ozg/${parking}/planung`, plan, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Geben Sie das Datum im Format TT\.MM\.JJJJ ein/);
    assert.match(page.html, /Geben Sie die Adresse des EfA-Dienstes ein/);
    assert.match(page.html, /value="Petra Plan"/, 'what was typed stays');
    page = await coordinator.post(
      `/backoffice/ozg/${parking}/planung`,
      { ...plan, targetDate: '01.01.2020', solutionDetail: 'https://efa.example/parken' },
      page.html,
    );
    assert.match(page.html, /Die Umsetzungsplanung ist gespeichert\./);
    assert.match(page.html, /value="01\.01\.2020"/);

    page = await coordinator.post(`/backoffice/ozg/${parking}/meilensteine`, { title: '', dueDate: 'morgen' }, page.html);
    assert.equal(page.status, 422);
    page = await coordinator.post(`/backoffice/ozg/${parking}/meilensteine`, { title: 'Fachverfahren angebunden', dueDate: '30.06.2027' }, page.html);
    assert.match(page.html, /<th scope="row">Fachverfahren angebunden<\/th><td>30\.06\.2027<\/td>/);
    const milestone = await t.database.db.selectFrom('ozg_milestones').select('id').executeTakeFirstOrThrow();
    page = await coordinator.post(`/backoffice/ozg/${parking}/meilensteine/${milestone.id}/erledigt`, {}, page.html);
    assert.match(page.html, /<td>30\.06\.2027<\/td><td>Erledigt<\/td>/);

    // A second service planned for the future appears on the roadmap.
    const hund = (await t.database.db.selectFrom('services').select('id').where('slug', '=', 'hundesteuer').executeTakeFirstOrThrow()).id;
    page = await coordinator.get(`/backoffice/ozg/${hund}`);
    await coordinator.post(
      `/backoffice/ozg/${hund}/planung`,
      { responsiblePerson: '', priority: '3', status: '2', targetDate: '15.05.2099', solution: 'own', solutionDetail: '', notes: '' },
      page.html,
    );
    const dashboard = await coordinator.get('/backoffice/ozg');
    assert.match(
      dashboard.html,
      /Überfällige Zieltermine[\s\S]*Bewohnerparkausweis<\/a><\/th><td>01\.01\.2020<\/td><td>in Bearbeitung<\/td><td>Petra Plan<\/td>/,
    );
    assert.match(
      dashboard.html,
      /<h3 class="kern-heading-small">2099 Q2<\/h3><ul class="kern-list"><li><a class="kern-link" href="\/backoffice\/ozg\/[0-9a-f-]+">Hundesteuer – Hund anmelden<\/a> – 15\.05\.2099 \(in Planung\)/,
    );
    assert.match(dashboard.html, /<th scope="row">Hoch<\/th><td>0<\/td><td>0<\/td><td>1<\/td><td>0<\/td>/, 'priority × status');
    assert.match(dashboard.html, /<svg class="chart"[^>]*role="img"/);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['ozg.plan', 'ozg.milestone', 'ozg.milestone_done'])
      .execute();
    assert.equal(audited.length, 4);
  });

  it('plan an OZG-Leistung that has no local service yet', async () => {
    let page = await coordinator.get('/backoffice/ozg/leistungen');
    assert.equal(page.status, 200);
    const first = /href="\/backoffice\/ozg\/leistungen\/(\d+)">([^<]+)<\/a>/.exec(page.html);
    assert.ok(first, 'uncovered OZG-Leistungen are listed');
    const [, ozgId, rawName] = first;
    const name = (rawName as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    page = await coordinator.get(`/backoffice/ozg/leistungen/${ozgId}`);
    assert.match(page.html, new RegExp(`<h1[^>]*>${name} \\(${ozgId}\\)</h1>`));
    const plan = { responsiblePerson: 'Olga OZG', priority: '3', status: '2', targetDate: '32.13.2027', solution: 'vendor', solutionDetail: '', notes: '' };
    page = await coordinator.post(`/backoffice/ozg/leistungen/${ozgId}/planung`, plan, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Geben Sie den Namen des Produkts ein\./);
    page = await coordinator.post(
      `/backoffice/ozg/leistungen/${ozgId}/planung`,
      { ...plan, targetDate: '30.09.2027', solutionDetail: 'Fachverfahren XY' },
      page.html,
    );
    assert.match(page.html, /Die Umsetzungsplanung ist gespeichert\./);
    const list = await coordinator.get('/backoffice/ozg/leistungen');
    assert.match(list.html, new RegExp(`>${name}</a></th><td>[^<]*</td><td>in Planung</td><td>30\\.09\\.2027</td>`));
    // Milestones of the OZG-Leistung: a bad one refused, a good one kept, then done; in the XLSX export.
    const milestones = `/backoffice/ozg/leistungen/${ozgId}/meilensteine`;
    page = await coordinator.post(milestones, { title: '', dueDate: 'bald' }, page.html);
    assert.equal(page.status, 422);
    page = await coordinator.post(milestones, { title: 'Hersteller ausgewählt', dueDate: '31.03.2027' }, page.html);
    assert.ok(page.html.includes('<th scope="row">Hersteller ausgewählt</th><td>31.03.2027</td>'));
    const milestone = await t.database.db.selectFrom('ozg_milestones').select('id').where('ozg_id', '=', Number(ozgId)).executeTakeFirstOrThrow();
    page = await coordinator.post(`${milestones}/${milestone.id}/erledigt`, {}, page.html);
    assert.ok(page.html.includes('<th scope="row">Hersteller ausgewählt</th><td>31.03.2027</td><td>Erledigt</td>'));
    const xlsx = await readZip((await coordinator.get('/backoffice/ozg/export.xlsx')).response.rawPayload);
    assert.ok(xlsx.get('xl/sharedStrings.xml')?.toString().includes(`(OZG-ID ${ozgId})`), 'the milestone is exported with its OZG-Leistung');

    const dashboard = await coordinator.get('/backoffice/ozg');
    assert.ok(
      dashboard.html.includes(`>${rawName}</a> (OZG-Leistung, noch ohne eigene Leistung) – 30.09.2027 (in Planung)`),
      'the roadmap lists the planned OZG-Leistung',
    );
    const chart = /<svg class="chart chart--wide"[^>]*aria-labelledby="roadmap-chart-title roadmap-chart-desc"[\s\S]*?<\/svg>/.exec(dashboard.html)?.[0] ?? '';
    assert.ok(chart.includes('>2027</text>') && chart.includes('>Q3</text>'), 'the timeline starts at the first planned quarter');
    assert.ok(chart.includes('>später</text>'), 'go-lives over three years ahead are one column');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['object_type', 'object_id'])
      .where('object_type', '=', 'ozg_leistung')
      .executeTakeFirstOrThrow();
    assert.equal(audited.object_id, ozgId);
  });
});
