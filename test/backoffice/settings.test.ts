import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkWorkflow, DEFAULT_TRANSITIONS, type Workflow } from '../../src/backoffice/cases/workflow.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { submitParking } from '../support/journeys.ts';
import { staffSignedIn } from '../support/staff.ts';

const kinds = (w: Workflow, inUse: Parameters<typeof checkWorkflow>[1] = []) =>
  checkWorkflow(w, inUse).map((p) => ('status' in p ? `${p.kind}:${p.status}` : p.kind));

describe('workflow rules', () => {
  test('the default workflow is sound', () => assert.deepEqual(kinds(DEFAULT_TRANSITIONS), []));

  test('a workflow must start, end, and never trap a case', () => {
    assert.deepEqual(kinds({ ...DEFAULT_TRANSITIONS, eingegangen: [] }), ['start-closed', 'end-unreachable']);
    assert.deepEqual(kinds({ ...DEFAULT_TRANSITIONS, abgeschlossen: ['in_pruefung'] }), ['end-not-final']);
    assert.deepEqual(kinds({ ...DEFAULT_TRANSITIONS, rueckfrage: [], in_pruefung: ['rueckfrage', 'entschieden'] }), ['dead-end:rueckfrage']);
    // Nobody can get into "weitergeleitet" any more – fine, unless cases are already there.
    const noForwarding = { ...DEFAULT_TRANSITIONS, eingegangen: ['in_pruefung'], in_pruefung: ['entschieden'], weitergeleitet: [] } as Workflow;
    assert.deepEqual(kinds(noForwarding), []);
    assert.deepEqual(kinds(noForwarding, ['weitergeleitet']), ['stranded:weitergeleitet']);
  });
});

describe('service settings in the back office', () => {
  let t: TestApp;
  let lead: Browser;
  let serviceId: string;
  let caseId: string;
  before(async () => {
    t = await createTestApp('demo');
    const done = await submitParking(new Browser(t.app), 'citizen@example.org', { vorname: 'Hanna', nachname: 'Hausmann' });
    const reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const row = await t.database.db.selectFrom('applications').select(['id', 'service_id']).where('reference', '=', reference).executeTakeFirstOrThrow();
    caseId = row.id;
    serviceId = row.service_id as string;
    lead = new Browser(t.app);
    await staffSignedIn(lead, t.database.db, 'tl@musterstadt.example', ['teamleitung'], ['strassenverkehr']);
  });
  after(() => t.close());
  const db = () => t.database.db;
  const base = () => `/backoffice/leistungen/${serviceId}`;

  test('team leads see the services of their offices; others are refused', async () => {
    const page = await lead.get('/backoffice/leistungen');
    assert.equal(textOf(page.html, 'h1'), 'Einstellungen der Leistungen');
    assert.match(page.html, /Bewohnerparkausweis[\s\S]*14 Tage[\s\S]*Standardablauf/);
    assert.doesNotMatch(page.html, /Hundesteuer/, 'a service of another office');
    const worker = new Browser(t.app);
    await staffSignedIn(worker, db(), 'sb-settings@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    assert.equal((await worker.get('/backoffice/leistungen')).status, 403);
    assert.equal((await worker.get(base())).status, 403);
    const otherLead = new Browser(t.app);
    await staffSignedIn(otherLead, db(), 'tl-other@musterstadt.example', ['teamleitung'], ['buergerbuero']);
    assert.equal((await otherLead.get(base())).status, 404);
    const own = await otherLead.get('/backoffice/leistungen');
    assert.equal((await otherLead.post(`${base()}/frist`, { days: '3' }, own.html)).status, 404);
    assert.equal((await otherLead.get(`${base()}/vorlagen/neu`)).status, 404);
  });

  test('the processing deadline is checked, saved and audited', async () => {
    let page = await lead.get(base());
    page = await lead.post(`${base()}/frist`, { days: 'zwei Wochen' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#days"/);
    assert.match(page.html, /value="zwei Wochen"/, 'the input is kept');
    page = await lead.post(`${base()}/frist`, { days: '21' }, page.html);
    assert.match(page.html, /Bearbeitungsfrist ist gespeichert/);
    const service = await db().selectFrom('services').select('processing_days').where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.equal(service.processing_days, 21);
    const entry = await db().selectFrom('audit_log').select('details').where('action', '=', 'service.processing_days').executeTakeFirstOrThrow();
    assert.deepEqual(entry.details, { days: 21 });
  });

  test('a service’s own workflow decides what the case page offers and what the server accepts', async () => {
    let page = await lead.get(base());
    // Without "Rückfrage" and "weitergeleitet": received → in review → decided → closed, or withdrawn.
    const own = {
      'next-eingegangen': ['in_pruefung', 'zurueckgezogen'],
      'next-in_pruefung': ['entschieden', 'zurueckgezogen'],
      'next-entschieden': ['abgeschlossen'],
      'next-zurueckgezogen': ['abgeschlossen'],
    };
    const trap = await lead.post(`${base()}/ablauf`, { ...own, 'next-in_pruefung': ['rueckfrage'] }, page.html);
    assert.equal(trap.status, 422);
    assert.match(trap.html, /Von „Rückfrage“ aus führt kein Weg zu „Abgeschlossen“/);
    page = await lead.post(`${base()}/ablauf`, { ...own, aktion: 'speichern' }, trap.html);
    assert.match(page.html, /Ablauf ist gespeichert/);
    assert.match(page.html, /Diese Leistung hat einen eigenen Ablauf/);

    const worker = new Browser(t.app);
    await staffSignedIn(worker, db(), 'sb-workflow@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    const kase = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    const offered = [...kase.html.matchAll(/name="to" value="(\w+)"/g)].map((m) => m[1]);
    assert.ok(offered.includes('in_pruefung') && offered.includes('zurueckgezogen'), offered.join());
    assert.ok(!offered.includes('weitergeleitet') && !offered.includes('rueckfrage'), offered.join());
    const refused = await worker.post(`/backoffice/vorgaenge/${caseId}/stand`, { from: 'eingegangen', to: 'weitergeleitet' }, kase.html);
    assert.equal(refused.status, 422);

    page = await lead.post(`${base()}/ablauf`, { aktion: 'standard' }, page.html);
    assert.match(page.html, /Standardablauf/);
    const stored = await db().selectFrom('services').select('workflow').where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.equal(stored.workflow, null);
    const actions = await db().selectFrom('audit_log').select('action').where('action', '=', 'service.workflow').execute();
    assert.equal(actions.length, 2);
  });

  test('notice templates: checked placeholders, offered on the case page, deleted', async () => {
    let page = await lead.get(`${base()}/vorlagen/neu`);
    assert.equal(page.status, 200);
    const template = {
      name: 'Bewilligung Standard',
      outcome: 'bewilligt',
      body: 'Sehr geehrte/r {{antragsteller.name}},\n\nIhr Parkausweis für {{antwort.kennzeichen}} wird erteilt. {{unbekannt}}',
      legalRemedy: 'Widerspruch bei {{behoerde}}.',
      fee: '30,90',
    };
    page = await lead.post(`${base()}/vorlagen/neu`, { ...template, fee: 'dreißig' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Unbekannte Platzhalter: unbekannt/);
    assert.match(page.html, /href="#fee"/);
    // Markup in the input is shown as text, never run; an empty name is refused with the rest kept.
    page = await lead.post(`${base()}/vorlagen/neu`, { ...template, name: '', body: '<script>alert(1)</script>' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#name"/);
    assert.ok(page.html.includes('&lt;script>alert(1)&lt;/script>') && !page.html.includes('<script>alert(1)'));
    page = await lead.post(`${base()}/vorlagen/neu`, { ...template, body: template.body.replace(' {{unbekannt}}', '') }, page.html);
    assert.match(page.html, /Vorlage ist gespeichert/);
    const id = /vorlagen\/([0-9a-f-]{36})"/.exec(page.html)?.[1] as string;
    assert.ok(id);
    const edit = await lead.get(`${base()}/vorlagen/${id}`);
    assert.match(edit.html, /value="30,90"/);

    const worker = new Browser(t.app);
    await staffSignedIn(worker, db(), 'sb-template@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    let kase = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    kase = await worker.post(`/backoffice/vorgaenge/${caseId}/stand`, { from: 'eingegangen', to: 'in_pruefung' }, kase.html);
    assert.match(kase.html, /<option value="[^"]+">Bewilligung Standard<\/option>/);
    kase = await worker.get(`/backoffice/vorgaenge/${caseId}?vorlage=${id}`);
    assert.match(kase.html, /Ihr Parkausweis für \{\{antwort\.kennzeichen\}\} wird erteilt/);
    assert.match(kase.html, /value="bewilligt" checked/);
    const preview = await worker.post(
      `/backoffice/vorgaenge/${caseId}/bescheid`,
      { outcome: 'bewilligt', body: template.body.replace(' {{unbekannt}}', ''), legalRemedy: template.legalRemedy, fee: '30,90', aktion: 'vorschau' },
      kase.html,
    );
    assert.match(preview.html, /Sehr geehrte\/r Hanna Hausmann/);
    assert.match(preview.html, /Ihr Parkausweis für MS-AB 123 wird erteilt/);

    // Another office's template id is not offered and not used.
    const foreign = await worker.get(`/backoffice/vorgaenge/${caseId}?vorlage=00000000-0000-4000-8000-000000000000`);
    assert.doesNotMatch(foreign.html, /Ihr Parkausweis für/);

    page = await lead.post(`${base()}/vorlagen/${id}/loeschen`, {}, edit.html);
    assert.match(page.html, /Vorlage ist gelöscht/);
    assert.equal((await lead.get(`${base()}/vorlagen/${id}`)).status, 404);
    const audited = await db().selectFrom('audit_log').select('action').where('object_type', '=', 'service').execute();
    assert.ok(audited.some((a) => a.action === 'service.template_saved') && audited.some((a) => a.action === 'service.template_deleted'));
  });

  test('notices on paper: unticking postbox delivery makes the case worker post the notice; audited', async () => {
    let page = await lead.get(base());
    assert.match(page.html, /name="zustellung" value="postfach" checked/);
    page = await lead.post(`${base()}/zustellung`, { zustellung: 'papier' }, page.html);
    assert.match(page.html, /Zustellung und Ablauf sind gespeichert/);
    const row = await db().selectFrom('services').select(['notice_to_postbox', 'paper_step']).where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { notice_to_postbox: false, paper_step: true });

    const done = await submitParking(new Browser(t.app), 'post@example.org');
    const reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const id = (await db().selectFrom('applications').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    const worker = new Browser(t.app);
    await staffSignedIn(worker, db(), 'sb-paper@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    let kase = await worker.get(`/backoffice/vorgaenge/${id}`);
    kase = await worker.post(`/backoffice/vorgaenge/${id}/stand`, { from: 'eingegangen', to: 'in_pruefung' }, kase.html);
    kase = await worker.post(
      `/backoffice/vorgaenge/${id}/bescheid`,
      { outcome: 'bewilligt', body: 'Bewilligt.', legalRemedy: 'Widerspruch.', fee: '0', aktion: 'erlassen' },
      kase.html,
    );
    assert.match(kase.html, /Bescheide dieser Leistung werden auf Papier zugestellt/);
    const mails = await db().selectFrom('mails').select('subject').where('recipient', '=', 'post@example.org').execute();
    assert.ok(!mails.some((m) => /Bescheid/.test(m.subject)), 'no notice by mail');
    const audited = await db().selectFrom('audit_log').select('details').where('action', '=', 'service.delivery').executeTakeFirstOrThrow();
    assert.deepEqual(audited.details, { noticeToPostbox: false, paperStep: true });
  });
});
