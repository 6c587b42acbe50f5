import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lastMailTo, PASSWORD, registerAndSignIn } from '../support/accounts.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { PDF, parkingToUploads, submitParking } from '../support/journeys.ts';
import { readZip } from '../support/zip.ts';

describe('my data (DSGVO)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('demo');
  });
  after(() => t.close());
  const db = () => t.database.db;

  async function citizen(email: string) {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), email);
    await submitParking(b, email);
    await t.app.jobs.drain();
    const row = await db().selectFrom('applications').select(['id', 'reference']).where('email', '=', email).executeTakeFirstOrThrow();
    await t.app.postbox.send({
      applicationId: row.id,
      subject: 'Bescheid',
      body: 'Bewilligt.',
      attachments: [{ filename: 'Bescheid.pdf', mediaType: 'application/pdf', data: PDF }],
    });
    await parkingToUploads(b);
    return { b, applicationId: row.id, reference: row.reference as string };
  }

  test('the export holds the account, applications with answers and files, receipts and messages', async () => {
    const { b, reference } = await citizen('export@example.org');
    const page = await b.get('/konto/daten');
    assert.equal(textOf(page.html, 'h1'), 'Meine Daten');
    const zip = await t.app.inject({ url: '/konto/daten/export.zip', cookies: { amtsweg_session: b.cookie('amtsweg_session') as string } });
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const entries = await readZip(zip.rawPayload);
    const data = JSON.parse((entries.get('daten.json') as Buffer).toString('utf8'));
    assert.equal(data.account.email, 'export@example.org');
    assert.equal(data.applications.length, 2, 'the submitted application and the draft');
    const submitted = data.applications.find((a: { reference: string }) => a.reference === reference);
    assert.equal(submitted.answers.kennzeichen, 'MS-AB 123');
    assert.equal(submitted.events[0].status, 'eingegangen');
    assert.equal(data.messages[0].subject, 'Bescheid');
    assert.ok(data.sessions.length >= 1);
    const names = [...entries.keys()];
    assert.ok(names.includes(`antraege/${reference}/Eingangsbestaetigung-${reference}.pdf`), names.join(', '));
    assert.ok(names.some((n) => n.startsWith(`antraege/${reference}/`) && n.endsWith('fahrzeugschein.png')));
    assert.ok(names.some((n) => n.startsWith('postfach/') && n.endsWith('Bescheid.pdf')));
    assert.equal(entries.get(names.find((n) => n.endsWith('Bescheid.pdf')) as string)?.length, PDF.length);
    assert.doesNotMatch(JSON.stringify(data), /password_hash|scrypt\$|token_hash/);
  });

  test('deleting the account: confirmation and password needed; drafts go, submitted applications stay unlinked, the session ends', async () => {
    const { b, applicationId } = await citizen('delete@example.org');
    const accountId = (await db().selectFrom('accounts').select('id').where('email', '=', 'delete@example.org').executeTakeFirstOrThrow()).id;
    let page = await b.get('/konto/daten');
    assert.match(page.html, /Ihre 1 eingereichten Anträge/);
    page = await b.post('/konto/daten/loeschen', { password: 'falsch' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /href="#bestaetigt"/);
    assert.match(page.html, /href="#password"/);
    page = await b.post('/konto/daten/loeschen', { bestaetigt: 'ja', password: PASSWORD }, page.html);
    assert.equal(textOf(page.html, 'h1'), 'Ihr Konto ist gelöscht');
    assert.match(page.html, /Ihre 1 eingereichten Anträge/);
    assert.equal(await db().selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst(), undefined);
    const kept = await db().selectFrom('applications').select(['account_id', 'status']).where('id', '=', applicationId).executeTakeFirstOrThrow();
    assert.deepEqual(kept, { account_id: null, status: 'submitted' });
    const drafts = await db()
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'draft')
      .where('email', 'is', null)
      .where('account_id', '=', accountId)
      .execute();
    assert.equal(drafts.length, 0);
    const messages = await db().selectFrom('messages').select(['account_id']).where('application_id', '=', applicationId).execute();
    assert.deepEqual(messages, [{ account_id: null }]);
    assert.match((await b.get('/konto')).url, /^\/konto\/anmelden/);
    assert.equal(await db().selectFrom('account_sessions').select('token_hash').where('account_id', '=', accountId).executeTakeFirst(), undefined);
  });

  test('housekeeping deletes accounts never confirmed after the configured days, not confirmed ones', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/konto/registrieren');
    await b.post('/konto/registrieren', { email: 'never@example.org', password: PASSWORD }, form.html);
    await lastMailTo(db(), 'never@example.org');
    await registerAndSignIn(new Browser(t.app), db(), 'confirmed@example.org');
    await db()
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('email', 'in', ['never@example.org', 'confirmed@example.org'])
      .execute();
    await t.app.jobs.housekeeping();
    const left = await db().selectFrom('accounts').select('email').where('email', 'in', ['never@example.org', 'confirmed@example.org']).execute();
    assert.deepEqual(left, [{ email: 'confirmed@example.org' }]);
  });
});
