// DigiCheck in the back office: a check started with its Prüffelder (bad input kept with messages),
// participants added, the interview saved step by step and resumed where it stopped; all audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextQuarterStart } from '../../src/backoffice/routes/digicheck.tsx';
import { answersOf } from '../../src/digicheck/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, type Page } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

describe('DigiCheck pages', () => {
  let t: TestApp;
  let coordinator: Browser;
  let checkId: string;
  before(async () => {
    t = await createTestApp('demo');
    coordinator = new Browser(t.app);
    await staffSignedIn(coordinator, t.database.db, 'olga@musterstadt.example', ['ozg_koordination']);
  });
  after(() => t.close());

  it('begins a roadmap in the next quarter', () => {
    assert.equal(nextQuarterStart(new Date('2026-11-23T12:00:00Z')), '2027-01-01');
    assert.equal(nextQuarterStart(new Date('2027-02-10T12:00:00Z')), '2027-04-01');
  });

  it('starts a check: without department or fields the form comes back with messages', async () => {
    let page = await coordinator.get('/backoffice/digicheck/neu');
    assert.equal(page.status, 200);
    page = await coordinator.post('/backoffice/digicheck/neu', { department: '', organisationId: 'x', fields: [] }, page.html);
    assert.equal(page.status, 422);
    for (const m of ['Geben Sie den Fachbereich an.', 'Wählen Sie eine Organisationseinheit aus der Liste.', 'Wählen Sie mindestens ein Prüffeld.'])
      assert.ok(page.html.includes(m), m);
    page = await coordinator.post('/backoffice/digicheck/neu', { department: 'Bürgerbüro', organisationId: '', fields: ['ausgangslage', 'daten'] }, page.html);
    assert.equal(page.status, 200);
    checkId = /\/backoffice\/digicheck\/([0-9a-f-]{36})$/.exec(page.url)?.[1] as string;
    assert.ok(checkId, page.url);
    assert.ok(page.html.includes('DigiCheck: Bürgerbüro'));
    assert.ok(page.html.includes('<li>Digitale Ausgangslage</li><li>Daten</li>'));
  });

  it('adds participants, staff and managers', async () => {
    let page = await coordinator.get(`/backoffice/digicheck/${checkId}`);
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/teilnehmende`, { name: '', role: 'boss' }, page.html);
    assert.equal(page.status, 422);
    assert.ok(page.html.includes('Geben Sie den Namen an.') && page.html.includes('Wählen Sie die Rolle.'));
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/teilnehmende`, { name: 'Sina Sachbearbeiterin', role: 'staff' }, page.html);
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/teilnehmende`, { name: 'Lars Leitung', role: 'manager' }, page.html);
    assert.ok(page.html.includes('<th scope="row">Lars Leitung</th><td>Führungskraft</td><td>0 von 14</td>'), 'asks the 7 + 7 questions of the two fields');
  });

  it('saves the interview step by step, refuses an invented level, and resumes at the first open question', async () => {
    const home = await coordinator.get(`/backoffice/digicheck/${checkId}`);
    const interview = /href="(\/backoffice\/digicheck\/[^"]+\/interview\/([0-9a-f-]{36}))">Interview mit Sina/.exec(home.html);
    assert.ok(interview);
    const [, start, participantId] = interview;
    let page: Page = await coordinator.get(start as string);
    assert.ok(page.url.endsWith('/ausgangslage'), page.url);
    assert.ok(page.html.includes('Schritt 1 von 2: Digitale Ausgangslage'));
    const bad = await coordinator.post(page.url, { 'q-a1-online-leistungen': '7' }, page.html);
    assert.equal(bad.status, 422);
    assert.ok(bad.html.includes('Wählen Sie eine der angebotenen Stufen.') && bad.html.includes('href="#q-a1-online-leistungen"'));
    page = await coordinator.post(
      page.url,
      {
        'q-a1-online-leistungen': '2',
        'note-a1-online-leistungen': 'Drei Formulare online',
        'q-a5-bezahlen': 'na',
        'note-a2-e-akte': 'klären',
        action: 'pause',
      },
      bad.html,
    );
    assert.ok(page.url.endsWith(`/backoffice/digicheck/${checkId}?erledigt=pause`), page.url);
    assert.ok(page.html.includes('Die Antworten sind gespeichert.'));
    assert.ok(page.html.includes('<th scope="row">Sina Sachbearbeiterin</th><td>Beschäftigte</td><td>2 von 14</td>'), 'a note alone is not an answer');
    const stored = (await answersOf(t.database.db, checkId)).filter((a) => a.participantId === participantId);
    assert.deepEqual(stored.map((a) => [a.questionId, a.level, a.notApplicable, a.note]).sort(), [
      ['a1-online-leistungen', 2, false, 'Drei Formulare online'],
      ['a2-e-akte', null, false, 'klären'],
      ['a5-bezahlen', null, true, ''],
    ]);

    // Resuming opens the first step with an open question; the answers given are shown again.
    page = await coordinator.get(start as string);
    assert.ok(page.url.endsWith('/ausgangslage'));
    assert.ok(
      /<input class="kern-form-check__radio" type="radio" id="q-a1-online-leistungen-2" name="q-a1-online-leistungen" value="2" checked/.test(page.html),
    );
    const answers = Object.fromEntries(
      ['a1-online-leistungen', 'a2-e-akte', 'a3-e-rechnung', 'a4-barrierefreiheit', 'a5-bezahlen', 'a6-strategie', 'a7-postfach'].map((id) => [`q-${id}`, '1']),
    );
    page = await coordinator.post(page.url, { ...answers, action: 'next' }, page.html);
    assert.ok(page.url.endsWith('/daten'), page.url);
    assert.ok(page.html.includes('Schritt 2 von 2: Daten'));
    page = await coordinator.post(page.url, { 'q-d1-register': '0', action: 'next' }, page.html);
    assert.ok(page.html.includes('Das Interview mit Sina Sachbearbeiterin ist vollständig gespeichert.'));
    page = await coordinator.get(start as string);
    assert.ok(page.url.endsWith('/daten'), 'the open questions are in the second step');

    const actions = await t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', checkId).orderBy('at').execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      [
        'digicheck.created',
        'digicheck.participant_added',
        'digicheck.participant_added',
        'digicheck.answers_saved',
        'digicheck.answers_saved',
        'digicheck.answers_saved',
      ],
    );
  });

  it('is for the OZG coordination and administrators only', async () => {
    const editor = new Browser(t.app);
    await staffSignedIn(editor, t.database.db, 'rita@musterstadt.example', ['redaktion']);
    assert.equal((await editor.get('/backoffice/digicheck')).status, 403);
    assert.equal((await coordinator.get('/backoffice/digicheck/00000000-0000-0000-0000-000000000000')).status, 404);
  });
});
