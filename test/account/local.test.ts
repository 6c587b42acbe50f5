import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { passwordProblem } from '../../src/account/passwords.ts';
import { hashSecret } from '../../src/platform/secrets.ts';
import { lastMailTo, linkIn, PASSWORD, registerAndSignIn, signIn } from '../support/accounts.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser, csrfToken } from '../support/browser.ts';

describe('password rules', () => {
  test('length, common words with numbers appended, repetition and the e-mail are refused', async () => {
    assert.equal(await passwordProblem('kurz'), 'tooShort');
    assert.equal(await passwordProblem('password1234'), 'common');
    assert.equal(await passwordProblem('Passwort2024!'), 'common');
    assert.equal(await passwordProblem('123456789012'), 'common');
    assert.equal(await passwordProblem('abababababab'), 'repetitive');
    assert.equal(await passwordProblem('erika.mustermann99', ['erika.mustermann']), 'personal');
    assert.equal(await passwordProblem(PASSWORD), undefined);
  });
});

describe('local citizen accounts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('empty');
  });
  after(() => t.close());
  const db = () => t.database.db;

  test('register, confirm the e-mail, sign in: the header links to the account', async () => {
    const b = new Browser(t.app);
    const home = await b.get('/konto/anmelden');
    assert.match(home.html, /href="\/konto\/anmelden"[^>]*>Anmelden</);
    const page = await registerAndSignIn(b, db(), 'erika@example.org');
    assert.equal(textOf(page.html, 'h1'), 'Mein Konto');
    assert.match(page.html, /Angemeldet als erika@example.org/);
    assert.match(page.html, /Vertrauensniveau niedrig/);
    assert.match(page.html, /<a class="kern-link" href="\/konto">Mein Konto/);
  });

  test('weak passwords and bad addresses are refused next to the field, nothing is stored', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/konto/registrieren');
    let page = await b.post('/konto/registrieren', { email: 'max@example.org', password: 'passwort1234' }, form.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /id="password-error"[\s\S]*zu verbreitet/);
    assert.match(page.html, /<a class="kern-link" href="#password">/);
    assert.match(page.html, /value="max@example.org"/);
    page = await b.post('/konto/registrieren', { email: 'max@', password: PASSWORD }, form.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /id="email-error"/);
    const stored = await db().selectFrom('accounts').select('id').where('email', '=', 'max@example.org').execute();
    assert.equal(stored.length, 0);
  });

  test('registering a taken address shows the same page and tells the owner, not the visitor', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'taken@example.org');
    const other = new Browser(t.app);
    const form = await other.get('/konto/registrieren');
    const page = await other.post('/konto/registrieren', { email: 'TAKEN@example.org', password: 'ein ganz anderes Passwort' }, form.html);
    assert.equal(textOf(page.html, 'h1'), 'Prüfen Sie Ihr E-Mail-Postfach');
    assert.equal((await lastMailTo(db(), 'taken@example.org')).subject, 'Ihr Servicekonto');
    const count = await db().selectFrom('accounts').select('id').where('email', 'ilike', 'taken@example.org').execute();
    assert.equal(count.length, 1);
  });

  test('an unconfirmed account cannot sign in and can have the link sent again', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/konto/registrieren');
    await b.post('/konto/registrieren', { email: 'late@example.org', password: PASSWORD }, form.html);
    const first = await lastMailTo(db(), 'late@example.org');
    let page = await b.get('/konto/anmelden');
    page = await b.post('/konto/anmelden', { email: 'late@example.org', password: PASSWORD }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Bestätigen Sie zuerst Ihre E-Mail-Adresse/);
    page = await b.post('/konto/bestaetigung-erneut', { email: 'late@example.org' }, page.html);
    const second = await lastMailTo(db(), 'late@example.org');
    assert.notEqual(second.id, first.id);
    assert.notEqual(linkIn(second.body), linkIn(first.body));
  });

  test('a confirmation link works once; a used or made-up link gets a clear page', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/konto/registrieren');
    await b.post('/konto/registrieren', { email: 'once@example.org', password: PASSWORD }, form.html);
    const link = linkIn((await lastMailTo(db(), 'once@example.org')).body);
    const confirm = await b.get(link);
    assert.equal(confirm.status, 200);
    await b.post(link, {}, confirm.html);
    const again = await b.post(link, {}, confirm.html);
    assert.equal(again.status, 404);
    assert.equal(textOf(again.html, 'h1'), 'Dieser Link ist nicht mehr gültig');
    const madeUp = await b.post('/konto/bestaetigen?token=abc', {}, confirm.html);
    assert.equal(madeUp.status, 404);
  });

  test('wrong passwords: a clear message, then a lock per account that the right password does not lift', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'locked@example.org');
    const other = new Browser(t.app);
    let page = await other.get('/konto/anmelden');
    for (let i = 0; i < 5; i++) {
      page = await other.post('/konto/anmelden', { email: 'locked@example.org', password: `falsch-falsch-${i}` }, page.html);
      assert.equal(page.status, 422);
      assert.match(page.html, /E-Mail-Adresse oder Passwort ist falsch/);
    }
    page = await other.post('/konto/anmelden', { email: 'locked@example.org', password: PASSWORD }, page.html);
    assert.equal(page.status, 429);
    assert.match(page.html, /Zu viele fehlgeschlagene Anmeldeversuche für dieses Konto\. Versuchen Sie es in 15 Minuten erneut/);
    assert.equal(page.response.headers['retry-after'], '900');
    // The lock ends when the failures leave the window.
    await db()
      .updateTable('rate_events')
      .set({ at: new Date(Date.now() - 16 * 60_000) })
      .execute();
    await signIn(other, 'locked@example.org');
  });

  test('an unknown address gets the same answer as a wrong password', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/konto/anmelden');
    page = await b.post('/konto/anmelden', { email: 'nobody@example.org', password: PASSWORD }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /E-Mail-Adresse oder Passwort ist falsch/);
  });

  test('each sign-in gets a new session; signing out ends it on the server', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'rotate@example.org');
    const first = b.cookie('amtsweg_session') as string;
    await signIn(b, 'rotate@example.org');
    const second = b.cookie('amtsweg_session') as string;
    assert.notEqual(first, second);
    assert.equal(await db().selectFrom('account_sessions').select('token_hash').where('token_hash', '=', hashSecret(first)).executeTakeFirst(), undefined);
    const account = await b.get('/konto');
    await b.post('/konto/abmelden', {}, account.html);
    const stolen = await t.app.inject({ url: '/konto', cookies: { amtsweg_session: second } });
    assert.equal(stolen.statusCode, 303);
    assert.match(String(stolen.headers.location), /^\/konto\/anmelden\?weiter=%2Fkonto/);
  });

  test('a session ends after the idle time', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'idle@example.org');
    const token = b.cookie('amtsweg_session') as string;
    await db()
      .updateTable('account_sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', '=', hashSecret(token))
      .execute();
    const page = await b.get('/konto');
    assert.match(page.url, /^\/konto\/anmelden/);
  });

  test('password reset by mail ends every session; the old password no longer works', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'forgot@example.org');
    const anon = new Browser(t.app);
    let page = await anon.get('/konto/passwort-vergessen');
    page = await anon.post('/konto/passwort-vergessen', { email: 'forgot@example.org' }, page.html);
    assert.equal(textOf(page.html, 'h1'), 'Prüfen Sie Ihr E-Mail-Postfach');
    const link = linkIn((await lastMailTo(db(), 'forgot@example.org')).body);
    page = await anon.get(link);
    page = await anon.post(link, { password: 'kurz' }, page.html);
    assert.equal(page.status, 422);
    page = await anon.post(link, { password: 'Neues Passwort fürs Rathaus' }, page.html);
    assert.match(page.url, /^\/konto\/anmelden\?neu=1/);
    assert.match((await b.get('/konto')).url, /^\/konto\/anmelden/);
    page = await anon.post('/konto/anmelden', { email: 'forgot@example.org', password: PASSWORD }, page.html);
    assert.equal(page.status, 422);
    await signIn(anon, 'forgot@example.org', 'Neues Passwort fürs Rathaus');
    assert.equal((await anon.get(link)).status, 404);
  });

  test('links by mail are limited per address and hour, with the same page for the visitor', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'flood@example.org');
    const anon = new Browser(t.app);
    for (let i = 0; i < 7; i++) {
      const page = await anon.post('/konto/passwort-vergessen', { email: 'flood@example.org' }, (await anon.get('/konto/passwort-vergessen')).html);
      assert.equal(textOf(page.html, 'h1'), 'Prüfen Sie Ihr E-Mail-Postfach');
    }
    const mails = await db().selectFrom('mails').select('subject').where('recipient', '=', 'flood@example.org').execute();
    // The confirmation at registration, then reset links until the hour's five are used.
    assert.equal(mails.length, 5);
  });

  test('settings: change password and e-mail, sign out elsewhere, organisation', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'settings@example.org');
    const phone = new Browser(t.app);
    await signIn(phone, 'settings@example.org');
    let page = await b.get('/konto/einstellungen');
    assert.match(page.html, /in 2 Sitzungen angemeldet/);
    page = await b.post('/konto/einstellungen/passwort', { current_password: 'falsch', new_password: 'Ein neues langes Passwort' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /id="current_password-error"/);
    page = await b.post('/konto/einstellungen/passwort', { current_password: PASSWORD, new_password: 'Ein neues langes Passwort' }, page.html);
    assert.match(page.html, /Ihr Passwort ist geändert/);
    assert.match((await phone.get('/konto')).url, /^\/konto\/anmelden/, 'the other session ended');

    page = await b.post('/konto/einstellungen/email', { new_email: 'neu@example.org', email_password: 'Ein neues langes Passwort' }, page.html);
    assert.match(page.html, /Bestätigungslink an die neue Adresse/);
    const link = linkIn((await lastMailTo(db(), 'neu@example.org')).body);
    page = await b.get(link);
    page = await b.post(link, {}, page.html);
    assert.match(page.html, /neue E-Mail-Adresse ist bestätigt/);
    assert.match(page.html, /Derzeit: neu@example.org/);

    page = await b.post('/konto/einstellungen/organisation', { organisation_name: '', organisation_register: 'HRB 1' }, page.html);
    assert.equal(page.status, 422);
    page = await b.post('/konto/einstellungen/organisation', { organisation_name: 'Bäckerei Korn GmbH', organisation_register: 'HRB 4711' }, page.html);
    assert.match(page.html, /value="Bäckerei Korn GmbH"/);
    page = await b.post('/konto/einstellungen/benachrichtigung', {}, page.html);
    assert.doesNotMatch(page.html, /id="notify"[^>]*checked/);
  });

  test('posts without the CSRF token are refused; the return path after sign-in stays on this site', async () => {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), 'csrf@example.org');
    const page = await b.get('/konto');
    const forged = await b.request('POST', '/konto/abmelden', '', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(forged.status, 403);
    const out = await b.post('/konto/abmelden', { _csrf: csrfToken(page.html) });
    assert.equal(out.url, '/konto/abgemeldet');
    const form = await b.get('/konto/anmelden?weiter=//evil.example/');
    const signedIn = await b.post('/konto/anmelden?weiter=//evil.example/', { email: 'csrf@example.org', password: PASSWORD }, form.html);
    assert.equal(signedIn.url, '/konto');
  });
});

describe('sign-in limit per client address', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('empty', undefined, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
  });
  after(() => t.close());

  test('failures across different accounts from one address lock that address, with its own message', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/konto/anmelden');
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      page = await b.post('/konto/anmelden', { email, password: 'irgendein falsches Passwort' }, page.html);
      assert.equal(page.status, 422);
    }
    page = await b.post('/konto/anmelden', { email: 'd@example.org', password: 'irgendein falsches Passwort' }, page.html);
    assert.equal(page.status, 429);
    assert.match(page.html, /Zu viele fehlgeschlagene Anmeldeversuche von Ihrem Anschluss/);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/konto/anmelden',
      remoteAddress: '10.0.0.9',
      cookies: { amtsweg_csrf: b.cookie('amtsweg_csrf') as string },
      payload: new URLSearchParams({ email: 'd@example.org', password: 'irgendein falsches Passwort', _csrf: csrfToken(page.html) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(elsewhere.statusCode, 422, 'another address is not locked');
  });
});
