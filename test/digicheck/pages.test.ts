// DigiCheck in the back office: a check started with its Prüffelder (bad input kept with messages),
// participants added, the interview saved step by step and resumed where it stopped; all audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextQuarterStart } from '../../src/backoffice/routes/digicheck.tsx';
import { addParticipant, answersOf, createCheck, defaultModels, saveAnswers } from '../../src/digicheck/index.ts';
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

  it('shows scores, disagreements, measures with their reasons and a plan that follows the interviewer', async () => {
    // The manager sees the same department far better: a disagreement.
    const home = await coordinator.get(`/backoffice/digicheck/${checkId}`);
    const lars = /href="(\/backoffice\/digicheck\/[^"]+\/interview\/[0-9a-f-]{36})">Interview mit Lars/.exec(home.html)?.[1] as string;
    let page = await coordinator.get(lars);
    page = await coordinator.post(
      page.url,
      { 'q-a1-online-leistungen': '4', 'q-a2-e-akte': '4', 'note-a3-e-rechnung': 'XRechnung kommt 2027', action: 'pause' },
      page.html,
    );

    page = await coordinator.get(`/backoffice/digicheck/${checkId}/ergebnis`);
    assert.equal(page.status, 200);
    assert.ok(page.html.includes('Ergebnis: Bürgerbüro'));
    assert.ok(/<th scope="row">Digitale Ausgangslage<\/th><td>[\d,]+<\/td><td>1<\/td><td>4<\/td><td>3<\/td>/.test(page.html), 'mean, staff, managers, spread');
    assert.ok(page.html.includes('Unterschiedliche Sicht von Beschäftigten und Führungskräften'));
    assert.ok(/<th scope="row">Wie werden Akten im Fachbereich geführt\?<\/th><td>1<\/td><td>4<\/td>/.test(page.html));
    assert.ok(page.html.includes('Wie werden Registerdaten genutzt (Melde-, Personenstands-, Gewerberegister)?: 0 (Schwelle 3)'), 'the reason of a measure');
    assert.ok(page.html.includes('<svg class="chart"'), 'the chart');
    assert.ok(
      /<th scope="row">Wie werden Eingangsrechnungen verarbeitet\?<\/th><td>1<\/td><td>XRechnung kommt 2027<\/td>/.test(page.html),
      'a finding with its note',
    );
    assert.ok(/<th scope="row">Gesamt<\/th>/.test(page.html), 'totals over the three years');

    // Frame: a bad budget is refused with the typed values kept; a good one replans.
    const bad = await coordinator.post(`/backoffice/digicheck/${checkId}/rahmen`, { start: '2027 Q5', budget: 'viel', capacity: '-3' }, page.html);
    assert.equal(bad.status, 422);
    for (const m of [
      'Geben Sie das Quartal im Format JJJJ Q1 bis Q4 an.',
      'Geben Sie das Budget als ganze Euro an',
      'Geben Sie die Kapazität als ganze Personentage an.',
    ])
      assert.ok(bad.html.includes(m), m);
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/rahmen`, { start: '2027 Q2', budget: '0', capacity: '100' }, bad.html);
    assert.ok(page.html.includes('Der Plan ist neu berechnet.'));
    assert.ok(page.html.includes('nicht geplant: Budget reicht nicht'), 'nothing fits a budget of nothing');
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/rahmen`, { start: '2027 Q2', budget: '500.000', capacity: '400' }, page.html);
    assert.ok(page.html.includes('Jahr 1: 2027 Q2 bis 2028 Q1'));

    // Changes: drop, restore, pin, add.
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/plan`, { action: 'drop', key: 'registerabruf' }, page.html);
    assert.ok(page.html.includes('„Automatisierter Registerabruf (Once-Only)“ wieder aufnehmen'));
    assert.ok(!page.html.includes('id="m-registerabruf"'));
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/plan`, { action: 'restore', key: 'registerabruf' }, page.html);
    assert.ok(page.html.includes('id="m-registerabruf"'));
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/plan`, { action: 'pin', key: 'epayment', quarter: '6' }, page.html);
    const pinned = page.html.slice(page.html.indexOf('id="m-epayment"'), page.html.indexOf('id="m-epayment"') + 3000);
    assert.ok(pinned.includes('<dt>Geplant</dt><dd>2028 Q4 – 2029 Q1</dd>'), pinned);
    page = await coordinator.post(`/backoffice/digicheck/${checkId}/plan`, { action: 'add', measure: 'sensibilisierung' }, page.html);
    assert.ok(/id="m-sensibilisierung"[\s\S]*?<dd>hinzugefügt<\/dd>/.test(page.html));
    const refused = await coordinator.post(`/backoffice/digicheck/${checkId}/plan`, { action: 'add', measure: 'gibt-es-nicht' }, page.html);
    assert.equal(refused.status, 400);

    // The report as PDF and the measures as CSV, with the plan as shown.
    const pdf = await coordinator.get(`/backoffice/digicheck/${checkId}/bericht.pdf`);
    assert.equal(pdf.response.headers['content-type'], 'application/pdf');
    assert.equal(pdf.response.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const csv = await coordinator.get(`/backoffice/digicheck/${checkId}/massnahmen.csv`);
    const lines = csv.html.trim().split('\r\n');
    assert.equal(
      lines[0],
      'Maßnahme,Kennung,Leistung,Begründung,Beginn,Ende,Status,Aufwand min (PT),Aufwand max (PT),Einmalig min (EUR),Einmalig max (EUR),Jährlich min (EUR),Jährlich max (EUR)',
    );
    assert.ok(
      lines.some((l) => l.startsWith('ePayment anbinden,epayment,,') && l.includes(',2028 Q4,2029 Q1,geplant,')),
      'the pinned measure',
    );
    assert.ok(
      lines.some((l) => l.includes(',sensibilisierung,')),
      'the added measure',
    );
  });

  it('compares with the department’s earlier check and, from three, anonymously with other departments', async () => {
    const db = t.database.db;
    const { questionnaire, measures } = defaultModels();
    const interviewer = (await db.selectFrom('staff_users').select('id').executeTakeFirstOrThrow()).id;
    const make = async (department: string, level: 0 | 1 | 2 | 3 | 4) => {
      const id = await createCheck(db, {
        department,
        organisationId: null,
        interviewerId: interviewer,
        fields: ['daten'],
        questionnaire,
        measures,
        planStart: '2027-01-01',
      });
      const p = await addParticipant(db, id, 'X', 'staff');
      await saveAnswers(db, id, p, { answered: [{ questionId: 'd1-register', level, notApplicable: false, note: '' }], open: [] });
      return id;
    };
    const later = await make('bürgerbüro', 3);
    let page = await coordinator.get(`/backoffice/digicheck/${later}/ergebnis`);
    assert.ok(page.html.includes('Vorheriger DigiCheck'), 'same department, any case');
    assert.ok(!page.html.includes('Andere Fachbereiche'), 'one other department is not shown');
    await make('Ordnungsamt', 1);
    await make('Standesamt', 2);
    page = await coordinator.get(`/backoffice/digicheck/${later}/ergebnis`);
    assert.ok(!page.html.includes('Andere Fachbereiche'), 'two are not enough');
    await make('Jugendamt', 4);
    page = await coordinator.get(`/backoffice/digicheck/${later}/ergebnis`);
    assert.ok(
      page.html.includes(
        '<th scope="col">Andere Fachbereiche (Mittel aus 3)</th></tr></thead><tbody class="kern-table__body"><tr><th scope="row">Daten</th><td>3</td><td>0</td><td>2,33</td>',
      ),
      'this, the earlier check of the department, the mean of the three others',
    );
  });

  it('lets a participant answer through a personal link that a new link replaces', async () => {
    let page = await coordinator.get(`/backoffice/digicheck/${checkId}`);
    const invite = [...page.html.matchAll(/<form method="post" action="([^"]+\/einladung)">.*?<\/form>/g)].find((m) =>
      m[0].includes('für Lars Leitung'),
    )?.[1] as string;
    page = await coordinator.post(invite, {}, page.html);
    const link = /Einladungslink für Lars Leitung, gültig bis [^:]+: http:\/\/[^/]+(\/digicheck\/teilnahme\/[A-Za-z0-9_-]{43})/.exec(page.html)?.[1];
    assert.ok(link, 'the link is shown once');
    const lars = new Browser(t.app);
    let own = await lars.get(link);
    assert.equal(own.status, 200);
    assert.ok(own.html.includes('Sie sind als Lars Leitung (Führungskraft) zum DigiCheck eingeladen: 14 Fragen'));
    assert.ok(!own.html.includes('Abmelden'), 'no staff session needed');
    own = await lars.get(/href="(\/digicheck\/teilnahme\/[^"]+\/[a-z]+)"/.exec(own.html)?.[1] as string);
    assert.ok(own.html.includes('Schritt 1 von 2'));
    own = await lars.post(own.url, { 'q-a4-barrierefreiheit': '3', 'note-a4-barrierefreiheit': 'Prüfung 2026', action: 'pause' }, own.html);
    assert.ok(own.url.endsWith('?gespeichert=1') && own.html.includes('Die Antworten sind gespeichert.'));
    const stored = (await answersOf(t.database.db, checkId)).find((a) => a.questionId === 'a4-barrierefreiheit' && a.role === 'manager');
    assert.deepEqual([stored?.level, stored?.note], [3, 'Prüfung 2026']);
    assert.equal((await lars.get('/digicheck/teilnahme/abc')).status, 404);
    // A new link: the old one ends.
    page = await coordinator.get(`/backoffice/digicheck/${checkId}`);
    await coordinator.post(invite, {}, page.html);
    assert.equal((await lars.get(link)).status, 404);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('object_id', '=', checkId)
      .where('action', 'in', ['digicheck.invitation_created', 'digicheck.answers_saved'])
      .execute();
    assert.ok(
      audited.some((a) => a.action === 'digicheck.answers_saved' && a.actor_type === 'system'),
      'the participant’s answers are in the log',
    );
    assert.equal(audited.filter((a) => a.action === 'digicheck.invitation_created').length, 2);
  });

  it('is for the OZG coordination and administrators only', async () => {
    const editor = new Browser(t.app);
    await staffSignedIn(editor, t.database.db, 'rita@musterstadt.example', ['redaktion']);
    assert.equal((await editor.get('/backoffice/digicheck')).status, 403);
    assert.equal((await coordinator.get('/backoffice/digicheck/00000000-0000-0000-0000-000000000000')).status, 404);
  });
});
