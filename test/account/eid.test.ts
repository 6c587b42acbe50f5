import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityFrom } from '../../src/account/oidc/claims.ts';
import { meets, trustLevelOf } from '../../src/account/oidc/trust.ts';
import { loadConfig } from '../../src/config.ts';
import { registerAndSignIn } from '../support/accounts.ts';
import { textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { appWithIdp, eidSignIn } from '../support/eid.ts';

describe('trust levels and claims', () => {
  test('STORK-QAA, eIDAS and German level names are understood; unknown counts as the lowest', () => {
    assert.equal(trustLevelOf('STORK-QAA-Level-4'), 'hoch');
    assert.equal(trustLevelOf('STORK-QAA-Level-3'), 'substantiell');
    assert.equal(trustLevelOf('STORK-QAA-Level-1'), 'niedrig');
    assert.equal(trustLevelOf('http://eidas.europa.eu/LoA/substantial'), 'substantiell');
    assert.equal(trustLevelOf('http://eidas.europa.eu/LoA/high'), 'hoch');
    assert.equal(trustLevelOf('substantiell'), 'substantiell');
    assert.equal(trustLevelOf('urn:something:else'), 'niedrig');
    assert.equal(trustLevelOf(undefined), 'niedrig');
    assert.ok(meets('hoch', 'substantiell'));
    assert.ok(!meets('niedrig', 'substantiell'));
    assert.ok(meets('niedrig', undefined));
  });

  test('OIDC claims, BundID friendly names and OIDs map to the identity; a configured map wins', () => {
    assert.deepEqual(
      identityFrom({
        given_name: 'Erika',
        family_name: 'Mustermann',
        birthdate: '1964-08-12',
        address: { street_address: 'Heidestraße 17', postal_code: '12345', locality: 'Musterstadt' },
      }),
      {
        givenName: 'Erika',
        familyName: 'Mustermann',
        birthDate: '1964-08-12',
        street: 'Heidestraße 17',
        postalCode: '12345',
        city: 'Musterstadt',
      },
    );
    assert.deepEqual(
      identityFrom({ 'urn:oid:2.5.4.42': 'Max', surname: 'Muster', 'urn:oid:1.2.40.0.10.2.1.1.55': '15.01.1980', localityName: 'Musterstadt' }),
      {
        givenName: 'Max',
        familyName: 'Muster',
        birthDate: '1980-01-15',
        city: 'Musterstadt',
      },
    );
    assert.deepEqual(identityFrom({ vorname: 'Eva', given_name: 'nicht' }, { givenName: ['vorname'] }), { givenName: 'Eva' });
  });

  test('configuration: the dev IdP never in production, OIDC needs client credentials, a bad claim map is named', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DEV_IDP: 'true', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://x', SEAL_P12_PATH: '/x' }),
      /DEV_IDP must not be enabled/,
    );
    assert.throws(() => loadConfig({ NODE_ENV: 'test', OIDC_ISSUER: 'https://id.example' }), /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    assert.throws(
      () =>
        loadConfig({ NODE_ENV: 'test', OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_CLAIM_MAP: '{"vorname":"x"}' }),
      /unknown attribute "vorname"/,
    );
    assert.equal(loadConfig({ NODE_ENV: 'development' }).devIdp?.port, 3001);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).devIdp, undefined);
  });
});

describe('eID sign-in through the development IdP', () => {
  const f = appWithIdp('empty');

  for (const [sub, level, name] of [
    ['dev-lieschen-mueller', 'niedrig', 'Lieschen Müller'],
    ['dev-max-mustermann', 'substantiell', 'Max Mustermann'],
    ['dev-erika-mustermann', 'hoch', 'Erika Mustermann'],
  ] as const) {
    test(`signs in ${name} at trust level ${level} with the confirmed identity`, async () => {
      const b = new Browser(f.t.app);
      const signInPage = await b.get('/konto/anmelden');
      assert.match(signInPage.html, /href="\/konto\/eid\?weiter=%2Fkonto"/);
      const page = await eidSignIn(b, '/konto/eid?weiter=%2Fkonto', sub);
      assert.equal(page.url, '/konto');
      assert.match(page.html, new RegExp(`Angemeldet als ${name}`));
      assert.match(page.html, new RegExp(`elektronischem Identitätsnachweis \\(Vertrauensniveau ${level}\\)`));
      assert.match(page.idpPage, /Als welche Testperson möchten Sie sich anmelden\?/);
    });
  }

  test('signing in again with the same identity opens the same account', async () => {
    const first = new Browser(f.t.app);
    await eidSignIn(first, '/konto/eid', 'dev-max-mustermann');
    const second = new Browser(f.t.app);
    await eidSignIn(second, '/konto/eid', 'dev-max-mustermann');
    const accounts = await f.t.database.db.selectFrom('account_identities').select('account_id').where('subject', '=', 'dev-max-mustermann').execute();
    assert.equal(accounts.length, 1);
  });

  test('cancelling at the IdP and forged returns get a clear page, no session', async () => {
    const b = new Browser(f.t.app);
    const page = await eidSignIn(b, '/konto/eid', 'cancel');
    assert.equal(textOf(page.html, 'h1'), 'Anmeldung abgebrochen');
    assert.equal(b.cookie('amtsweg_session'), undefined);
    const forged = await b.get('/konto/eid/rueckkehr?code=abc&state=xyz');
    assert.equal(forged.status, 502);
    assert.equal(textOf(forged.html, 'h1'), 'Anmeldung nicht möglich');
    assert.doesNotMatch(forged.html, /Error|at .*\.ts/);
  });
});

describe('eID step-up from a password sign-in', () => {
  const f = appWithIdp('empty');

  test('step-up: a citizen signed in with a password proves their identity and keeps their account', async () => {
    const b = new Browser(f.t.app);
    await registerAndSignIn(b, f.t.database.db, 'stepup@example.org');
    const before = b.cookie('amtsweg_session');
    const page = await eidSignIn(b, '/konto/eid?weiter=%2Fkonto&stufe=hoch', 'dev-erika-mustermann');
    assert.match(page.idpPage, /verlangt das Vertrauensniveau „hoch“/);
    assert.match(page.html, /Vertrauensniveau hoch/);
    assert.notEqual(b.cookie('amtsweg_session'), before, 'a new session after the step-up');
    const account = await f.t.database.db.selectFrom('accounts').selectAll().where('email', '=', 'stepup@example.org').executeTakeFirstOrThrow();
    assert.equal(account.given_name, 'Erika');
  });
});
