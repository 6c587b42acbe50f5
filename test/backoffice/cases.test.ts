import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import * as inboxStore from '../../src/backoffice/cases/inbox-store.ts';
import * as cases from '../../src/backoffice/cases/store.ts';
import { verifyAuditLog } from '../../src/platform/audit/index.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { registerAndSignIn } from '../support/accounts.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser, csrfToken, formAction, multipartBody } from '../support/browser.ts';
import { PDF, submitParking } from '../support/journeys.ts';
import { staffSignedIn } from '../support/staff.ts';
import { readZip } from '../support/zip.ts';

/** The database, counting the statements run through it and keeping their texts. */
function countingStatements(db: Kysely<Database>) {
  const counter = { statements: 0, texts: [] as string[], db };
  counter.db = db.withPlugin({
    transformQuery: (args) => {
      counter.texts.push(db.getExecutor().compileQuery(args.node, args.queryId).sql);
      return args.node;
    },
    transformResult: async (args) => {
      counter.statements++;
      return args.result;
    },
  });
  return counter;
}

describe('case handling in the back office', () => {
  let t: TestApp;
  let caseId: string;
  let reference: string;
  let worker: Browser;
  before(async () => {
    t = await createTestApp('demo');
    const citizen = new Browser(t.app);
    const done = await submitParking(citizen, 'citizen@example.org', { vorname: 'Hanna', nachname: 'Hausmann' });
    reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    caseId = (await t.database.db.selectFrom('applications').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    worker = new Browser(t.app);
    await staffSignedIn(worker, t.database.db, 'sb@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
  });
  after(() => t.close());
  const db = () => t.database.db;

  test('a submission arrives in its office’s inbox with service, applicant, status and deadline; search and filters find it', async () => {
    let page = await worker.get('/backoffice');
    assert.equal(textOf(page.html, 'h1'), 'Posteingang');
    assert.match(page.html, new RegExp(`${reference}[\\s\\S]*Hanna Hausmann[\\s\\S]*Bewohnerparkausweis[\\s\\S]*Eingegangen`));
    assert.match(page.html, /Eingegangen: 1/);
    for (const query of [
      `q=${reference}`,
      'q=Hausmann',
      'q=MS-AB',
      'q=hausmann%20ms-ab%2C',
      'q=MS-AB%20123',
      'status=eingegangen',
      'assignee=none',
      'sort=due',
    ]) {
      page = await worker.get(`/backoffice?${query}`);
      assert.ok(page.html.includes(reference), query);
    }
    for (const query of ['q=Niemand', 'q=MS-XY', 'q=Hausmann%20MS-XY', 'status=entschieden', 'assignee=me', 'overdue=1', 'from=01.01.2099']) {
      page = await worker.get(`/backoffice?${query}`);
      assert.ok(!page.html.includes(reference), query);
    }
    page = await worker.get('/backoffice?from=gestern');
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#from"/);
  });

  test('the inbox API: the same filters as JSON, problem+json for bad input, nothing of other offices', async () => {
    let response = await worker.get(`/backoffice/api/vorgaenge?q=Hausmann&sort=due`);
    assert.equal(response.response.headers['content-type'], 'application/json; charset=utf-8');
    const body = JSON.parse(response.html) as { items: Record<string, unknown>[]; counts: Record<string, number>; next: string | null };
    assert.equal(body.items.length, 1);
    assert.deepEqual(
      { ...body.items[0], submittedAt: undefined, dueAt: undefined },
      {
        id: caseId,
        reference,
        applicant: 'Hanna Hausmann',
        service: 'Bewohnerparkausweis',
        status: 'eingegangen',
        submittedAt: undefined,
        dueAt: undefined,
        overdue: false,
        assignee: null,
        href: `/backoffice/vorgaenge/${caseId}`,
      },
    );
    assert.deepEqual(body.counts, { eingegangen: 1 });
    const read = await db().selectFrom('audit_log').select('details').where('action', '=', 'inbox.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(read.details, { via: 'api', query: { q: 'Hausmann', sort: 'due' }, cases: [caseId] });
    assert.equal(body.next, null);
    response = await worker.get('/backoffice/api/vorgaenge?from=31.02.2026');
    assert.equal(response.status, 400);
    assert.equal(response.response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(JSON.parse(response.html).errors, [{ parameter: 'from', detail: 'not a calendar date (TT.MM.JJJJ)' }]);
    response = await worker.get('/backoffice/api/vorgaenge?sort=random');
    assert.equal(response.status, 400);
    assert.match(JSON.parse(response.html).detail, /sort/);
    const anonymous = await t.app.inject({ url: '/backoffice/api/vorgaenge?sort=random' });
    assert.equal(anonymous.statusCode, 401, 'who asks is checked before the parameters');
    assert.equal(anonymous.headers['content-type'], 'application/problem+json; charset=utf-8');
    const other = new Browser(t.app);
    await staffSignedIn(other, db(), 'api-standesamt@musterstadt.example', ['sachbearbeitung'], ['standesamt']);
    assert.deepEqual(JSON.parse((await other.get('/backoffice/api/vorgaenge')).html), { items: [], counts: {}, countLimit: 1000, next: null });
  });

  test('the case page shows answers, documents and history; reading it is audited', async () => {
    const page = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /MS-AB 123/);
    assert.match(page.html, /fahrzeugschein\.png/);
    assert.match(page.html, /Eingegangen<\/strong> – [^<]*, über das Portal/);
    const reads = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'case.read')
      .where('object_id', '=', caseId)
      .execute();
    assert.ok(reads.length >= 1);
    const fileHref = /href="(\/backoffice\/vorgaenge\/[^"]+\/dateien\/[^"]+)"/.exec(page.html)?.[1] as string;
    const file = await worker.get(fileHref);
    assert.equal(file.response.headers['content-type'], 'image/png');
    assert.match(String(file.response.headers['content-disposition']), /^attachment/);
    // Preview: a page showing the image, whose content comes inline and may only be embedded by us.
    const preview = await worker.get(`${fileHref}/ansicht`);
    assert.equal(preview.status, 200);
    assert.match(preview.html, new RegExp(`<img class="file-preview" src="${fileHref}/inhalt" alt="Hochgeladenes Bild fahrzeugschein\\.png"`));
    const inline = await worker.get(`${fileHref}/inhalt`);
    assert.match(String(inline.response.headers['content-disposition']), /^inline/);
    assert.equal(inline.response.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'self'");
    assert.equal(inline.response.headers['x-content-type-options'], 'nosniff');
    const fileReads = await db().selectFrom('audit_log').select('details').where('action', '=', 'case.file.read').where('object_id', '=', caseId).execute();
    assert.deepEqual(
      fileReads.map((r) => r.details.inline),
      [false, true],
    );
    const receipt = await worker.get(`/backoffice/vorgaenge/${caseId}/eingangsbestaetigung.pdf`);
    assert.equal(receipt.response.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  test('status changes follow the workflow, are recorded with who and why, and reach the citizen', async () => {
    let page = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/stand`, { from: 'eingegangen', to: 'entschieden' }, page.html);
    assert.equal(page.status, 422, 'not a step of the workflow');
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/stand`, { from: 'eingegangen', to: 'in_pruefung', reason: 'Unterlagen vollständig' }, page.html);
    assert.match(page.html, /In Bearbeitung<\/strong> – [^<]*, von sb<span[^>]*> \(Unterlagen vollständig\)/);
    // A second, stale form (made for "eingegangen") does not overwrite the change.
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/stand`, { from: 'eingegangen', to: 'weitergeleitet' }, page.html);
    assert.match(page.url, /hinweis=konflikt/);
    assert.match(page.html, /inzwischen geändert/);
    const row = await db().selectFrom('applications').select('case_status').where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.case_status, 'in_pruefung');
    // The citizen's status history ("Meine Anträge") is built from the same events.
    const events = await db().selectFrom('application_events').select('status').where('application_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.status),
      ['eingegangen', 'in_pruefung'],
    );
    const audited = await db().selectFrom('audit_log').select('details').where('action', '=', 'case.status').execute();
    assert.deepEqual(audited[0]?.details, { from: 'eingegangen', to: 'in_pruefung', reason: 'Unterlagen vollständig' });
  });

  test('assignment to oneself or a colleague of the office, notes; strangers cannot be assigned', async () => {
    const colleague = new Browser(t.app);
    await staffSignedIn(colleague, db(), 'kollege@musterstadt.example', ['sachbearbeitung'], ['strassenverkehr']);
    let page = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    page = await worker.post(
      `/backoffice/vorgaenge/${caseId}/zuweisung`,
      { assignee: /name="assignee" value="([^"]+)"/.exec(page.html)?.[1] as string },
      page.html,
    );
    assert.match(page.html, /Zuständig<\/dt><dd[^>]*>sb</);
    assert.ok((await worker.get('/backoffice?assignee=me')).html.includes(reference));
    const colleagueId = (await db().selectFrom('staff_users').select('id').where('email', '=', 'kollege@musterstadt.example').executeTakeFirstOrThrow()).id;
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/zuweisung`, { assignee: colleagueId }, page.html);
    assert.match(page.html, /Zuständig<\/dt><dd[^>]*>kollege</);
    const bad = await worker.post(`/backoffice/vorgaenge/${caseId}/zuweisung`, { assignee: '00000000-0000-4000-8000-000000000000' }, page.html);
    assert.equal(bad.status, 400);
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/notizen`, { note: '  ' }, page.html);
    assert.equal(page.status, 422);
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/notizen`, { note: 'Halterin telefonisch erreicht.' }, page.html);
    assert.match(page.html, /Halterin telefonisch erreicht\./);
  });

  test('another office sees nothing: every case route is 404; roles without case work get 403; visitors the sign-in page', async () => {
    const other = new Browser(t.app);
    const home = await staffSignedIn(other, db(), 'standesamt@musterstadt.example', ['sachbearbeitung'], ['standesamt']);
    assert.ok(!home.html.includes(reference));
    const search = await other.get(`/backoffice?q=${reference}`);
    assert.ok(!search.html.includes(`/backoffice/vorgaenge/${caseId}`));
    assert.match(search.html, /Keine Vorgänge für diese Filter/);
    const upload = await db().selectFrom('uploads').select('id').where('application_id', '=', caseId).executeTakeFirstOrThrow();
    for (const path of ['', `/dateien/${upload.id}`, '/eingangsbestaetigung.pdf', '/akte.zip']) {
      assert.equal((await other.get(`/backoffice/vorgaenge/${caseId}${path}`)).status, 404, path);
    }
    const token = csrfToken(home.html);
    for (const [path, fields] of [
      ['stand', { from: 'in_pruefung', to: 'rueckfrage' }],
      ['zuweisung', { assignee: '' }],
      ['notizen', { note: 'x' }],
    ] as const) {
      assert.equal((await other.post(`/backoffice/vorgaenge/${caseId}/${path}`, { ...fields, _csrf: token })).status, 404, path);
    }
    const admin = new Browser(t.app);
    const adminHome = await staffSignedIn(admin, db(), 'admin@musterstadt.example', ['administration'], ['strassenverkehr']);
    assert.equal(textOf(adminHome.html, 'h1'), 'Übersicht');
    assert.equal((await admin.get(`/backoffice/vorgaenge/${caseId}`)).status, 403);
    assert.equal((await new Browser(t.app).get(`/backoffice/vorgaenge/${caseId}`)).url, '/backoffice/anmelden');
    // The citizen portal's session opens nothing here.
    assert.equal((await t.app.inject({ url: `/backoffice/vorgaenge/${caseId}`, cookies: { amtsweg_session: 'x'.repeat(43) } })).statusCode, 303);
    assert.equal((await verifyAuditLog(db())).brokenAt, undefined);
  });

  test('Nachforderung: into the postbox with a due date; the upload returns the case to review and tells the assignee', async () => {
    const citizen = new Browser(t.app);
    await registerAndSignIn(citizen, db(), 'konto@example.org');
    const done = await submitParking(citizen, 'konto@example.org', { vorname: 'Karl', nachname: 'Konto' });
    const ref = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const id = (await db().selectFrom('applications').select('id').where('reference', '=', ref).executeTakeFirstOrThrow()).id;
    let page = await worker.get(`/backoffice/vorgaenge/${id}`);
    page = await worker.post(
      `/backoffice/vorgaenge/${id}/zuweisung`,
      { assignee: /name="assignee" value="([^"]+)"/.exec(page.html)?.[1] as string },
      page.html,
    );
    page = await worker.post(`/backoffice/vorgaenge/${id}/nachforderung`, { due: '01.01.2020' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#documents"/);
    assert.match(page.html, /href="#due"/);
    const documents = [...page.html.matchAll(/name="documents" value="([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(documents.length > 0, 'the service’s required documents are offered');
    page = await worker.post(
      `/backoffice/vorgaenge/${id}/nachforderung`,
      { documents: [documents[0] as string], text: 'Bitte auch die Rückseite.', due: '31.12.2099' },
      page.html,
    );
    assert.match(page.html, /im Postfach der Antragstellerin/);
    assert.match(page.html, /Rückfrage<\/strong>[^<]*, von sb<span[^>]*> \(Unterlagen nachgefordert, Frist 31\. Dezember 2099\)/);

    const inbox = await citizen.get('/konto/postfach');
    const messageId = /href="\/konto\/postfach\/([0-9a-f-]{36})"/.exec(inbox.html)?.[1] as string;
    const message = await citizen.get(`/konto/postfach/${messageId}`);
    assert.ok(message.html.includes(documents[0] as string));
    assert.match(message.html, /bis zum 31\. Dezember 2099/);
    const form = await citizen.get(`/konto/postfach/${messageId}/nachreichen`);
    const { payload, contentType } = multipartBody({}, [{ name: 'unterlagen', filename: 'rueckseite.pdf', type: 'application/pdf', data: PDF }]);
    await citizen.request('POST', formAction(form.html, '/nachreichen'), payload, { 'content-type': contentType });

    page = await worker.get(`/backoffice/vorgaenge/${id}`);
    assert.match(page.html, /In Bearbeitung<\/strong>[^<]*, über das Portal<span[^>]*> \(Unterlagen nachgereicht\)/);
    assert.match(page.html, /rueckseite\.pdf/);
    assert.match(page.html, /beantwortet/);
    const mail = await db().selectFrom('mails').select(['subject', 'body']).where('recipient', '=', 'sb@musterstadt.example').executeTakeFirstOrThrow();
    assert.equal(mail.subject, `Unterlagen eingegangen: ${ref}`);
    // The request's audit entry holds its due date; the chain still checks out as stored.
    assert.equal((await verifyAuditLog(db())).brokenAt, undefined);
  });

  test('Nachforderung without an account goes by mail', async () => {
    let page = await worker.get(`/backoffice/vorgaenge/${caseId}`);
    page = await worker.post(`/backoffice/vorgaenge/${caseId}/nachforderung`, { text: 'Meldebescheinigung', due: '31.12.2099' }, page.html);
    assert.match(page.html, /per E-Mail verschickt/);
    const mail = await db()
      .selectFrom('mails')
      .select(['subject', 'body'])
      .where('recipient', '=', 'citizen@example.org')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /Unterlagen angefordert: MST-/);
    assert.match(mail.body, /Servicekonto an/);
  });

  test('Bescheid: placeholders checked, previewed, issued as a sealed PDF into the postbox; a new one only with a reason', async () => {
    const citizen = new Browser(t.app);
    await registerAndSignIn(citizen, db(), 'bescheid@example.org');
    const done = await submitParking(citizen, 'bescheid@example.org', { vorname: 'Berta', nachname: 'Bescheid' });
    const ref = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const id = (await db().selectFrom('applications').select('id').where('reference', '=', ref).executeTakeFirstOrThrow()).id;
    let page = await worker.get(`/backoffice/vorgaenge/${id}`);
    assert.doesNotMatch(page.html, /action="[^"]*\/bescheid"/, 'no notice before the case is under review');
    page = await worker.post(`/backoffice/vorgaenge/${id}/stand`, { from: 'eingegangen', to: 'in_pruefung' }, page.html);
    const form = {
      outcome: 'bewilligt',
      body: 'Sehr geehrte/r {{antragsteller.name}}, Ihr Antrag {{aktenzeichen}} ({{antwort.kennzeichen}}) wird bewilligt. {{unbekannt}}',
      legalRemedy: 'Widerspruch binnen eines Monats bei {{behoerde}}.',
      fee: '30,90',
    };
    page = await worker.post(`/backoffice/vorgaenge/${id}/bescheid`, { ...form, aktion: 'erlassen' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Unbekannte Platzhalter: unbekannt/);
    page = await worker.post(`/backoffice/vorgaenge/${id}/bescheid`, { ...form, body: form.body.replace(' {{unbekannt}}', ''), aktion: 'vorschau' }, page.html);
    assert.equal(page.status, 200);
    assert.ok(page.html.includes(`Sehr geehrte/r Berta Bescheid, Ihr Antrag ${ref} (MS-AB 123) wird bewilligt.`));
    page = await worker.post(`/backoffice/vorgaenge/${id}/bescheid`, { ...form, body: form.body.replace(' {{unbekannt}}', ''), aktion: 'erlassen' }, page.html);
    assert.match(page.html, /Der Bescheid ist erlassen und liegt im Postfach/);
    assert.match(page.html, /Entschieden<\/strong>/);
    const pdfHref = /href="(\/backoffice\/vorgaenge\/[^"]+\/bescheide\/[^"]+\.pdf)"/.exec(page.html)?.[1] as string;
    const pdf = (await worker.get(pdfHref)).response.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/ByteRange/, 'sealed');

    const postbox = await citizen.get('/konto/postfach');
    assert.match(postbox.html, new RegExp(`Bescheid zu Ihrem Antrag ${ref}`));
    const messageId = /href="\/konto\/postfach\/([0-9a-f-]{36})"/.exec(postbox.html)?.[1] as string;
    const message = await citizen.get(`/konto/postfach/${messageId}`);
    assert.match(message.html, new RegExp(`Bescheid-${ref}\\.pdf`));

    page = await worker.post(
      `/backoffice/vorgaenge/${id}/bescheid`,
      { ...form, outcome: 'teilweise', body: 'Neu: teilweise bewilligt.', aktion: 'erlassen' },
      page.html,
    );
    assert.equal(page.status, 422);
    assert.match(page.html, /warum der neue Bescheid den früheren ersetzt/);
    page = await worker.post(
      `/backoffice/vorgaenge/${id}/bescheid`,
      { ...form, outcome: 'teilweise', body: 'Neu: teilweise bewilligt.', reason: 'Rechenfehler bei der Gebühr', aktion: 'erlassen' },
      page.html,
    );
    const notices = await db()
      .selectFrom('notices')
      .select(['outcome', 'supersedes', 'supersede_reason', 'fee_cents'])
      .where('application_id', '=', id)
      .orderBy('issued_at')
      .execute();
    assert.equal(notices.length, 2);
    assert.equal(notices[0]?.fee_cents, 3090);
    assert.equal(notices[1]?.supersede_reason, 'Rechenfehler bei der Gebühr');
    assert.ok(notices[1]?.supersedes);
    assert.match(page.html, /– ersetzt/);
    const audited = await db().selectFrom('audit_log').select('action').where('object_id', '=', id).execute();
    assert.ok(audited.some((a) => a.action === 'case.notice_issued'));
    assert.ok(audited.some((a) => a.action === 'case.notice_superseded'));
  });

  test('overdue cases: in the overdue view, and one reminder mail a day to the office’s case workers', async () => {
    const open = await db()
      .selectFrom('applications')
      .select('id')
      .where('case_status', 'in', ['eingegangen', 'in_pruefung'])
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('applications')
      .set({ due_at: new Date(Date.now() - 86_400_000) })
      .where('id', '=', open.id)
      .execute();
    const page = await worker.get('/backoffice?overdue=1');
    assert.ok(page.html.includes(`/backoffice/vorgaenge/${open.id}`));
    assert.match(page.html, /\(überfällig\)/);
    const count = async () =>
      (
        await db()
          .selectFrom('mails')
          .select('id')
          .where('recipient', '=', 'sb@musterstadt.example')
          .where('subject', 'like', '%überfällige Vorgänge')
          .execute()
      ).length;
    await t.app.jobs.housekeeping();
    assert.equal(await count(), 1);
    await t.app.jobs.housekeeping();
    assert.equal(await count(), 1, 'once a day');
    const mail = await db()
      .selectFrom('mails')
      .select('body')
      .where('recipient', '=', 'sb@musterstadt.example')
      .where('subject', 'like', '%überfällige Vorgänge')
      .executeTakeFirstOrThrow();
    assert.match(mail.body, /\/backoffice\?overdue=1&sort=due/);
    assert.doesNotMatch(mail.body, /MST-|Hausmann/, 'no personal data in the mail');
  });

  test('the case file (Akte) as a ZIP: summary PDF, history, attachments, receipt; exporting is audited', async () => {
    const res = await worker.get(`/backoffice/vorgaenge/${caseId}/akte.zip`);
    assert.equal(res.response.headers['content-type'], 'application/zip');
    const entries = await readZip(res.response.rawPayload);
    const names = [...entries.keys()];
    assert.ok(names.includes(`${reference}.pdf`), names.join(', '));
    assert.ok(names.includes(`Eingangsbestaetigung-${reference}.pdf`));
    assert.ok(names.some((n) => n.startsWith('anlagen/') && n.endsWith('fahrzeugschein.png')));
    const history = JSON.parse((entries.get('verlauf.json') as Buffer).toString('utf8'));
    assert.deepEqual(history.history[0].status, 'eingegangen');
    assert.equal((entries.get(`${reference}.pdf`) as Buffer).subarray(0, 5).toString(), '%PDF-');
    const audited = await db().selectFrom('audit_log').select('action').where('action', '=', 'case.export').where('object_id', '=', caseId).execute();
    assert.equal(audited.length, 1);
  });

  test('the counts per status kept by the trigger match a live count after submissions, changes and deletions', async () => {
    const live = async () =>
      (
        await db()
          .selectFrom('applications')
          .select(['service_id', 'case_status', (e) => e.fn.countAll<string>().as('n')])
          .where('status', '=', 'submitted')
          .groupBy(['service_id', 'case_status'])
          .orderBy('service_id')
          .orderBy('case_status')
          .execute()
      ).map((r) => `${r.service_id} ${r.case_status} ${r.n}`);
    const kept = async (on: Kysely<Database> = db()) =>
      (
        await on
          .selectFrom('case_counts')
          .select(['service_id', 'case_status', (e) => e.fn.sum<string>('n').as('n')])
          .groupBy(['service_id', 'case_status'])
          .having(sql<boolean>`sum(n) > 0`)
          .orderBy('service_id')
          .orderBy('case_status')
          .execute()
      ).map((r) => `${r.service_id} ${r.case_status} ${r.n}`);
    assert.deepEqual(await kept(), await live());
    // Two other cases than the suite's own (which later tests still use).
    const some = await db()
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'submitted')
      .where('id', '!=', caseId)
      .orderBy('submitted_at')
      .limit(2)
      .execute();
    await db()
      .updateTable('applications')
      .set({ case_status: 'abgeschlossen' })
      .where('id', '=', some[0]?.id as string)
      .execute();
    await db()
      .updateTable('applications')
      .set({ updated_at: new Date() })
      .where('id', '=', some[1]?.id as string)
      .execute();
    assert.deepEqual(await kept(), await live());
    await db()
      .deleteFrom('applications')
      .where('id', '=', some[0]?.id as string)
      .execute();
    assert.deepEqual(await kept(), await live());

    for (const name of ['Xaver', 'Yvonne', 'Zora']) await submitParking(new Browser(t.app), `${name}@example.org`, { vorname: name, nachname: 'Zugleich' });
    const [x, y, z] = await db().selectFrom('applications').select('id').where('applicant_name', 'like', '% Zugleich').orderBy('applicant_name').execute();
    const move = (id: string) => db().updateTable('applications').set({ case_status: 'weitergeleitet' }).where('id', '=', id);

    // The counts are written when the transaction commits: a slot is locked only for the commit.
    const before = await kept();
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('applications')
          .set({ case_status: 'weitergeleitet' })
          .where('id', '=', z?.id as string)
          .execute();
        assert.deepEqual(await kept(trx), before, 'not yet counted inside the transaction');
      });
    assert.notDeepEqual(await kept(), before);
    assert.deepEqual(await kept(), await live());

    // Two connections counting cases of one service at once (the first one's counts written, its
    // transaction still open): the second does not wait, it counts in its own slot. PGlite has one
    // connection: one after the other.
    if (t.database.kind === 'postgres') {
      const first = await t.database.pool.connect();
      const slotOf = async (c: typeof first) => (await c.query<{ s: number }>('SELECT pg_backend_pid() % 16 AS s')).rows[0]?.s;
      const others = [await t.database.pool.connect()];
      while ((await slotOf(others.at(-1) as typeof first)) === (await slotOf(first))) others.push(await t.database.pool.connect());
      const second = others.at(-1) as typeof first;
      const text = (id: string) => move(id).compile();
      try {
        await first.query('BEGIN');
        await first.query('SET CONSTRAINTS applications_case_counts IMMEDIATE');
        await first.query(text(x?.id as string).sql, [...text(x?.id as string).parameters]);
        await second.query("SET lock_timeout = '2s'");
        await second.query(text(y?.id as string).sql, [...text(y?.id as string).parameters]);
        await first.query('COMMIT');
      } finally {
        await second.query('RESET lock_timeout');
        for (const c of [first, ...others]) c.release();
      }
    } else {
      for (const r of [x, y]) await move(r?.id as string).execute();
    }
    assert.deepEqual(await kept(), await live());
  });

  test('keyset pages are stable and complete, merged across the office’s services, in every sort', async () => {
    const office = await db().selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    for (const name of ['Anna', 'Bernd', 'Carla']) await submitParking(new Browser(t.app), `${name}@example.org`, { vorname: name, nachname: 'Test' });
    // A second service of the office, holding one of the cases.
    const other = await db().selectFrom('services').select('id').where('slug', '=', 'hundesteuer').executeTakeFirstOrThrow();
    await db().insertInto('service_organisations').values({ service_id: other.id, organisation_id: office.id }).execute();
    const moved = await db().selectFrom('applications').select('id').where('applicant_name', '=', 'Bernd Test').executeTakeFirstOrThrow();
    await db().updateTable('applications').set({ service_id: other.id }).where('id', '=', moved.id).execute();
    for (const sort of ['newest', 'oldest', 'due'] as const) {
      const filter = { organisationIds: [office.id], staffId: 'x', sort, limit: 2 };
      const paged: inboxStore.InboxRow[] = [];
      for (let page = await inboxStore.inbox(db(), filter); page.length > 0; ) {
        assert.ok(paged.length < 100, `${sort}: the pages end`);
        paged.push(...page);
        const last = page.at(-1) as inboxStore.InboxRow;
        page = await inboxStore.inbox(db(), { ...filter, after: { key: last.sortKey as string, id: last.id } });
      }
      const all = await inboxStore.inbox(db(), { ...filter, limit: 100 });
      assert.ok(all.length >= 5 && all.some((r) => r.id === moved.id), sort);
      assert.deepEqual(
        paged.map((r) => r.id),
        all.map((r) => r.id),
        sort,
      );
      const keys = all.map((r) => (sort === 'due' ? r.dueAt : r.submittedAt)?.getTime() as number);
      assert.deepEqual(
        keys,
        [...keys].sort((a, b) => (sort === 'newest' ? b - a : a - b)),
        `${sort}: in order`,
      );
    }
  });

  test('a search with few matches reads them once: the same pages and counts as page and counts apart', async () => {
    // The three "Test" cases of the keyset test, in two services; one of them in another status.
    const office = await db().selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    await db().updateTable('applications').set({ case_status: 'in_pruefung' }).where('applicant_name', '=', 'Carla Test').execute();
    for (const sort of ['newest', 'oldest', 'due'] as const) {
      for (const status of [undefined, 'eingegangen' as const]) {
        const filter = { organisationIds: [office.id], staffId: 'x', sort, limit: 2, q: 'Test', status };
        const label = `${sort}, ${status ?? 'all'}`;
        const paged: inboxStore.InboxRow[] = [];
        let after: inboxStore.InboxFilter['after'];
        for (;;) {
          const onePass = await inboxStore.searchInOnePass(db(), { ...filter, after });
          const apart = await inboxStore.inbox(db(), { ...filter, after });
          if (apart.length === 0) {
            assert.equal(onePass, undefined, `${label}: an empty page falls back`);
            break;
          }
          assert.ok(onePass, `${label}: one pass`);
          assert.deepEqual(onePass.found, apart, `${label}: the same page`);
          assert.deepEqual(onePass.counts, await inboxStore.countsByStatus(db(), { ...filter, after }), `${label}: the same counts`);
          paged.push(...onePass.found);
          const last = onePass.found.at(-1) as inboxStore.InboxRow;
          after = { key: last.sortKey as string, id: last.id };
        }
        assert.ok(paged.length >= (status ? 2 : 3), `${label}: every match once (${paged.length})`);
        assert.equal(new Set(paged.map((r) => r.id)).size, paged.length, `${label}: no case twice`);
      }
    }
  });

  test('the page and its counts come in one statement and match a live count; an empty page still counts', async () => {
    const office = await db().selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    for (const name of ['Ida', 'Jan']) await submitParking(new Browser(t.app), `${name.toLowerCase()}@example.org`, { vorname: name, nachname: 'Zähler' });
    const jan = await db().selectFrom('applications').select(['id', 'reference']).where('applicant_name', '=', 'Jan Zähler').executeTakeFirstOrThrow();
    const staff = await db().selectFrom('staff_users').select('id').where('email', '=', 'sb@musterstadt.example').executeTakeFirstOrThrow();
    await db().updateTable('applications').set({ case_status: 'in_pruefung', assignee_id: staff.id }).where('id', '=', jan.id).execute();
    // The live count, apart from the code under test: cases of the office's services by status.
    const live = async (where: (q: ReturnType<typeof visible>) => ReturnType<typeof visible>) =>
      Object.fromEntries(
        (
          await where(visible())
            .select(['a.case_status', (e) => e.fn.countAll<string>().as('n')])
            .groupBy('a.case_status')
            .execute()
        ).map((r) => [r.case_status, Number(r.n)]),
      );
    const visible = () =>
      db()
        .selectFrom('applications as a')
        .innerJoin('service_organisations as so', 'so.service_id', 'a.service_id')
        .where('so.organisation_id', '=', office.id)
        .where('a.status', '=', 'submitted');
    const counted = countingStatements(db());
    const base = { organisationIds: [office.id], staffId: staff.id, sort: 'newest' as const, limit: 51 };
    const scenarios: [string, Partial<inboxStore.InboxFilter>, Record<string, number>][] = [
      ['all', {}, await live((q) => q)],
      ['in_pruefung', { status: 'in_pruefung' }, await live((q) => q)],
      ['assigned to me', { assignee: 'me' }, await live((q) => q.where('a.assignee_id', '=', staff.id))],
      ['unassigned', { assignee: 'none' }, await live((q) => q.where('a.assignee_id', 'is', null))],
      // A reference number finds one case whatever its value: the prepared statement's plan serves.
      ['a reference', { q: (jan.reference as string).toLowerCase() }, await live((q) => q.where('a.id', '=', jan.id))],
    ];
    for (const [label, extra, expected] of scenarios) {
      counted.statements = 0;
      counted.texts = [];
      const { found, counts } = await inboxStore.inboxWithCounts(counted.db, { ...base, ...extra });
      assert.equal(counted.statements, 1, `${label}: one statement`);
      assert.ok(!counted.texts.some((text) => text.includes('plan each time')), `${label}: not planned each time`);
      // The status is in the text: a plan made once can then use the partial indexes of open cases.
      if (extra.status) assert.ok(counted.texts.at(-1)?.includes(`"a"."case_status" = '${extra.status}'`), `${label}: the status written out`);
      assert.deepEqual(counts, expected, `${label}: counts`);
      assert.deepEqual(found, await inboxStore.inbox(db(), { ...base, ...extra }), `${label}: the page`);
      assert.ok(found.length > 0, label);
    }
    // Nothing on the page: the counts of the other statuses are still there.
    const empty = await inboxStore.inboxWithCounts(db(), { ...base, status: 'entschieden', assignee: 'me' });
    assert.deepEqual(empty.found, []);
    assert.deepEqual(empty.counts, await live((q) => q.where('a.assignee_id', '=', staff.id)));
    assert.ok((empty.counts?.in_pruefung ?? 0) >= 1);
  });

  test('the case page’s lists come in one statement: files, history, notes, requests and required documents as read apart', async () => {
    // With an account: the request for documents goes into the postbox (a message of the case).
    const citizen = new Browser(t.app);
    await registerAndSignIn(citizen, db(), 'lea@example.org');
    const done = await submitParking(citizen, 'lea@example.org', { vorname: 'Lea', nachname: 'Liste' });
    const ref = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const kase = await db().selectFrom('applications').select(['id', 'service_id']).where('reference', '=', ref).executeTakeFirstOrThrow();
    let page = await worker.get(`/backoffice/vorgaenge/${kase.id}`);
    page = await worker.post(`/backoffice/vorgaenge/${kase.id}/notizen`, { note: 'Erste Notiz' }, page.html);
    const documents = [...page.html.matchAll(/name="documents" value="([^"]+)"/g)].map((m) => m[1] as string);
    page = await worker.post(`/backoffice/vorgaenge/${kase.id}/nachforderung`, { documents: [documents[0] as string], due: '31.12.2099' }, page.html);
    assert.equal(page.status, 200);

    const counted = countingStatements(db());
    const details = await cases.caseDetails(counted.db, kase.id, kase.service_id);
    assert.equal(counted.statements, 1);
    assert.deepEqual(details.history, await cases.historyOf(db(), kase.id));
    assert.deepEqual(details.notes, await cases.notesOf(db(), kase.id));
    assert.deepEqual(details.requiredDocuments, await cases.requiredDocumentsOf(db(), kase.service_id));
    assert.deepEqual(
      details.uploads,
      await db()
        .selectFrom('uploads')
        .select(['id', 'filename', 'size_bytes', 'media_type'])
        .where('application_id', '=', kase.id)
        .orderBy('created_at')
        .execute(),
    );
    const requests = await db()
      .selectFrom('messages')
      .select(['id', 'created_at', 'due_at'])
      .where('application_id', '=', kase.id)
      .where('kind', '=', 'nachforderung')
      .execute();
    assert.deepEqual(
      details.requests,
      requests.map((r) => ({ ...r, answered: false })),
    );
    assert.equal(details.notes[0]?.body, 'Erste Notiz');
    assert.deepEqual(
      details.history.map((h) => h.status),
      ['eingegangen', 'rueckfrage'],
    );
    assert.deepEqual(
      details.uploads.map((u) => u.filename),
      ['fahrzeugschein.png', 'arbeitgeber.pdf'],
    );
    assert.equal(details.requests.length, 1);
    assert.ok(details.requiredDocuments.length > 0);
    assert.deepEqual(await cases.caseDetails(db(), kase.id, null).then((d) => d.requiredDocuments), [], 'no service, nothing required');
  });

  test('counting stops at the limit for narrowing filters; the page says so instead of showing numbers', async () => {
    const kase = await db().selectFrom('applications').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    await sql`
      INSERT INTO applications (form_id, form_version, status, answers, access_hash, reference, submitted_at, service_id, case_status, due_at, applicant_name)
      SELECT ${kase.form_id}, ${kase.form_version}, 'submitted', '{}', md5(i::text), 'MST-2001-' || lpad(i::text, 6, '0'), now(), ${kase.service_id}, 'eingegangen', now(), 'Viele Gleich'
      FROM generate_series(1, ${inboxStore.COUNT_LIMIT + 5}) i
    `.execute(db());
    const office = await db().selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    const filter = { organisationIds: [office.id], staffId: 'x', sort: 'newest' as const, limit: 51 };
    assert.equal(await inboxStore.countsByStatus(db(), { ...filter, q: 'Gleich' }), undefined);
    assert.equal(await inboxStore.searchInOnePass(db(), { ...filter, q: 'Gleich' }), undefined, 'more matches than the limit: no one pass');
    assert.ok(((await inboxStore.countsByStatus(db(), filter))?.eingegangen ?? 0) > inboxStore.COUNT_LIMIT, 'kept counts are complete');
    const page = await worker.get('/backoffice?q=Gleich');
    assert.match(page.html, /Mehr als 1\.000 Vorgänge passen zu diesen Filtern/);
    assert.equal((await inboxStore.inbox(db(), { ...filter, q: 'Gleich' })).length, 51);
    assert.equal(JSON.parse((await worker.get('/backoffice/api/vorgaenge?q=Gleich')).html).counts, null);
    // Once counted over the limit, a filter is not counted again (for a minute): the same page alone.
    const today = { ...filter, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
    const first = countingStatements(db());
    const once = await inboxStore.inboxWithCounts(first.db, today);
    assert.equal(once.counts, undefined);
    assert.ok(
      first.texts.some((text) => text.includes('jsonb_object_agg')),
      'counted the first time',
    );
    const second = countingStatements(db());
    const again = await inboxStore.inboxWithCounts(second.db, today);
    assert.deepEqual(again, { found: once.found });
    assert.deepEqual(
      second.texts.filter((text) => text.includes('jsonb_object_agg')),
      [],
      'not counted again',
    );
    assert.equal((await inboxStore.inboxWithCounts(db(), { ...today, status: 'in_pruefung' })).counts, undefined, 'whatever the status');
    const lastYear = { ...filter, from: new Date(Date.now() - 730 * 86_400_000), to: new Date(Date.now() - 365 * 86_400_000) };
    assert.deepEqual((await inboxStore.inboxWithCounts(db(), lastYear)).counts, {}, 'another filter is counted');
  });

  test('a word PostgreSQL estimates far above the limit is not counted at all', async () => {
    const kase = await db().selectFrom('applications').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const many = inboxStore.COUNT_LIMIT * 4;
    await sql`
      INSERT INTO applications (form_id, form_version, status, answers, access_hash, reference, submitted_at, service_id, case_status, due_at, applicant_name)
      SELECT ${kase.form_id}, ${kase.form_version}, 'submitted', '{}', md5('h' || i), 'MST-2002-' || lpad(i::text, 6, '0'), now(), ${kase.service_id}, 'eingegangen', now(), 'Häufig'
      FROM generate_series(1, ${many}) i
    `.execute(db());
    await sql`ANALYZE applications`.execute(db());
    const office = await db().selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    const filter = { organisationIds: [office.id], staffId: 'x', sort: 'newest' as const, limit: 51 };
    // The page of a frequent word walks the sort index under a plan made once, not for each request;
    // it holds the same cases as the page searched through the word index, in every sort.
    for (const sort of ['newest', 'oldest', 'due'] as const) {
      const counted = countingStatements(db());
      const { found, counts } = await inboxStore.inboxWithCounts(counted.db, { ...filter, sort, q: 'Häufig' });
      assert.equal(counts, undefined, `${sort}: not counted`);
      assert.equal(found.length, 51, sort);
      assert.deepEqual(found, await inboxStore.inbox(db(), { ...filter, sort, q: 'Häufig' }), `${sort}: the same page`);
      const page = counted.texts.filter((text) => text.includes('case_search @@')).at(-1);
      assert.ok(page && !page.includes('plan each time') && page.includes('IS TRUE'), `${sort}: planned once (${page})`);
    }
    // The statistics still say "thousands" after the cases are gone: what decides is the estimate, not a count.
    await db().deleteFrom('applications').where('reference', 'like', 'MST-2002-%').execute();
    assert.equal(await inboxStore.countsByStatus(db(), { ...filter, q: 'Häufig' }), undefined);
    assert.deepEqual(await inboxStore.countsByStatus(db(), { ...filter, q: 'Viele' }), undefined, 'below the estimate, counted (and over the limit)');
    assert.deepEqual(await inboxStore.countsByStatus(db(), { ...filter, q: 'Selten' }), {}, 'a word without matches is counted: none');
  });
});
