import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordStatus } from '../../src/applications/index.ts';
import { lastMailTo, linkIn, registerAndSignIn, signIn } from '../support/accounts.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { PDF, PNG, parkingToUploads, postUploads, submitParking } from '../support/journeys.ts';

describe('my applications', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('demo');
  });
  after(() => t.close());
  const db = () => t.database.db;

  async function idsOf(b: Browser): Promise<string[]> {
    const list = await b.get('/konto/antraege');
    return [...list.html.matchAll(/href="\/konto\/antraege\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string);
  }

  test('a draft begun on one device is continued on another and submitted; status, files and receipt are in the account', async () => {
    const laptop = new Browser(t.app);
    await registerAndSignIn(laptop, db(), 'anna@example.org');
    await parkingToUploads(laptop);
    let list = await laptop.get('/konto/antraege');
    assert.match(list.html, /Bewohnerparkausweis/);
    assert.match(list.html, /Entwurf/);

    const phone = new Browser(t.app);
    await signIn(phone, 'anna@example.org');
    const [id] = await idsOf(phone);
    let page = await phone.get(`/konto/antraege/${id}`);
    assert.match(page.html, /Weiter ausfüllen/);
    page = await phone.get(`/konto/antraege/${id}/fortsetzen`);
    assert.equal(page.url, '/antrag/bewohnerparkausweis/schritt/nachweise', 'continues where the draft stopped');

    page = await postUploads(phone, page, [
      { name: 'fahrzeugschein', filename: 'fahrzeugschein.png', type: 'image/png', data: PNG },
      { name: 'nutzungsnachweis', filename: 'arbeitgeber.pdf', type: 'application/pdf', data: PDF },
    ]);
    page = await phone.post(page.url, { laufzeit: '12' }, page.html);
    page = await phone.post('/antrag/bewohnerparkausweis/absenden', { email: '', declaration: 'ja' }, page.html);
    const reference = /MST-\d{4}-\d{6}/.exec(page.html)?.[0] as string;
    list = await phone.get('/konto/antraege');
    assert.match(list.html, /Eingegangen/);
    page = await phone.get(`/konto/antraege/${id}`);
    assert.ok(page.html.includes(reference), 'reference shown');
    assert.match(page.html, /Verlauf[\s\S]*Eingegangen/);
    assert.match(page.html, /fahrzeugschein\.png/);
    assert.match(page.html, /MS-AB 123/);

    const receipt = await t.app.inject({
      url: `/konto/antraege/${id}/eingangsbestaetigung.pdf`,
      cookies: { amtsweg_session: phone.cookie('amtsweg_session') as string },
    });
    assert.equal(receipt.headers['content-type'], 'application/pdf');
    assert.equal(receipt.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const fileId = /href="\/konto\/antraege\/[0-9a-f-]{36}\/dateien\/([^"]+)"/.exec(page.html)?.[1];
    const file = await phone.get(`/konto/antraege/${id}/dateien/${fileId}`);
    assert.equal(file.status, 200);
    assert.equal(file.response.headers['content-type'], 'image/png');

    await recordStatus(db(), id as string, 'in_pruefung', 'Sachbearbeitung: Frau Beispiel');
    page = await phone.get(`/konto/antraege/${id}`);
    assert.match(page.html, /Eingegangen[\s\S]*In Bearbeitung/);
    assert.match(page.html, /kern-badge--info[^>]*><span[^>]*>In Bearbeitung/);
  });

  test('another citizen gets 404 on every route of someone else’s application, a visitor is sent to sign in', async () => {
    const owner = new Browser(t.app);
    await registerAndSignIn(owner, db(), 'owner@example.org');
    await submitParking(owner, 'owner@example.org');
    await parkingToUploads(owner);
    const ids = await idsOf(owner);
    assert.equal(ids.length, 2);
    const detail = await owner.get(`/konto/antraege/${ids[1]}`);
    const fileId = /\/dateien\/([^"]+)"/.exec(detail.html)?.[1];
    assert.ok(fileId);

    const other = new Browser(t.app);
    await registerAndSignIn(other, db(), 'other@example.org');
    for (const id of ids) {
      for (const path of ['', '/fortsetzen', '/eingangsbestaetigung.pdf', `/dateien/${fileId}`]) {
        const res = await other.get(`/konto/antraege/${id}${path}`);
        assert.equal(res.status, 404, `${path} of ${id}`);
        assert.doesNotMatch(res.html, /MS-AB 123|fahrzeugschein/);
      }
    }
    assert.deepEqual(await idsOf(other), []);
    // The bare id (what "continue" puts in the cookie) opens nothing without the owner's session.
    const draftId = ids[0] as string;
    const stolen = await t.app.inject({
      url: '/antrag/bewohnerparkausweis/schritt/nachweise',
      cookies: { amtsweg_session: other.cookie('amtsweg_session') as string, amtsweg_antrag_bewohnerparkausweis: draftId },
    });
    assert.equal(stolen.statusCode, 303);
    assert.equal(stolen.headers.location, '/antrag/bewohnerparkausweis');

    const res = await t.app.inject({ url: `/konto/antraege/${ids[0]}` });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/konto\/anmelden\?weiter=/);
  });

  test('an application made without an account is claimed with its reference and a link to its e-mail', async () => {
    const anonymous = new Browser(t.app);
    const done = await submitParking(anonymous, 'claim@example.org');
    const reference = /MST-\d{4}-\d{6}/.exec(done.html)?.[0] as string;
    const citizen = new Browser(t.app);
    await registerAndSignIn(citizen, db(), 'claimer@example.org');
    let page = await citizen.get('/konto/antraege/uebernehmen');
    page = await citizen.post('/konto/antraege/uebernehmen', { reference: 'MST-1', email: 'x' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#reference"/);
    const before = await db().selectFrom('mails').select('id').execute();
    page = await citizen.post('/konto/antraege/uebernehmen', { reference, email: 'wrong@example.org' }, page.html);
    assert.match(page.html, /Wenn zu MST-/);
    assert.equal((await db().selectFrom('mails').select('id').execute()).length, before.length, 'no mail for a wrong address');
    const sent = page;
    page = await citizen.post(
      '/konto/antraege/uebernehmen',
      { reference: reference.toLowerCase(), email: 'CLAIM@example.org' },
      (await citizen.get('/konto/antraege/uebernehmen')).html,
    );
    assert.equal(textOf(sent.html, 'h1'), textOf(page.html, 'h1'), 'the same answer whether the data match or not');
    const link = linkIn((await lastMailTo(db(), 'claim@example.org')).body);

    const intruder = new Browser(t.app);
    await registerAndSignIn(intruder, db(), 'intruder@example.org');
    const wrongAccount = await intruder.get(link);
    assert.equal((await intruder.post(link, {}, wrongAccount.html)).status, 404, 'the link works only for the account that asked');

    page = await citizen.get(link);
    page = await citizen.post(link, {}, page.html);
    assert.match(page.url, /^\/konto\/antraege\/[0-9a-f-]{36}$/);
    assert.ok(page.html.includes(reference));
  });

  test('acting for an organisation: the application records on whose behalf it was made', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'firma@example.org');
    const settings = await b.get('/konto/einstellungen');
    await b.post('/konto/einstellungen/organisation', { organisation_name: 'Bäckerei Korn GmbH', organisation_register: 'HRB 4711' }, settings.html);
    await parkingToUploads(b);
    const [id] = await idsOf(b);
    const page = await b.get(`/konto/antraege/${id}`);
    assert.match(page.html, /Gestellt für[\s\S]*Bäckerei Korn GmbH, HRB 4711/);
  });

  test('a draft begun before signing in joins the account when opened signed in', async () => {
    const b = new Browser(t.app);
    await parkingToUploads(b);
    await registerAndSignIn(b, db(), 'later@example.org');
    assert.deepEqual(await idsOf(b), []);
    await b.get('/antrag/bewohnerparkausweis/schritt/nachweise');
    assert.equal((await idsOf(b)).length, 1);
    const overview = await b.get('/konto');
    assert.match(overview.html, /1 Anträge und Entwürfe/);
  });
});
