import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { staffService } from '../../src/backoffice/index.ts';
import { verifyAuditLog } from '../../src/platform/audit/index.ts';
import { totpCode, totpStep, verifyTotp } from '../../src/platform/auth/totp.ts';
import { decryptSecret, encryptSecret } from '../../src/platform/secrets.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';

const SECRET = 'amtsweg-development-secret-not-for-production';

describe('TOTP and secret encryption', () => {
  test('RFC 6238 test vectors (SHA-1), drift of one step, no reuse', () => {
    const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    assert.equal(totpCode(seed, totpStep(new Date(59_000))), '287082');
    assert.equal(totpCode(seed, totpStep(new Date(1_111_111_109_000))), '081804');
    const at = new Date(1_111_111_109_000);
    assert.equal(verifyTotp(seed, '081804', at), totpStep(at));
    assert.equal(verifyTotp(seed, totpCode(seed, totpStep(at) - 1), at), totpStep(at) - 1);
    assert.equal(verifyTotp(seed, totpCode(seed, totpStep(at) - 2), at), undefined);
    assert.equal(verifyTotp(seed, '081804', at, totpStep(at)), undefined, 'a used code is refused');
    assert.equal(verifyTotp(seed, '12345', at), undefined);
  });

  test('encrypted secrets open only with the right key and untouched', () => {
    const sealed = encryptSecret('key one', 'JBSWY3DPEHPK3PXP');
    assert.equal(decryptSecret('key one', sealed), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => decryptSecret('key two', sealed));
    // One character of the ciphertext changed (to another one: the random IV makes any first character possible).
    const parts = sealed.split('.');
    const ciphertext = parts[3] ?? '';
    const changed = `${ciphertext.startsWith('A') ? 'B' : 'A'}${ciphertext.slice(1)}`;
    assert.throws(() => decryptSecret('key one', [...parts.slice(0, 3), changed].join('.')));
  });
});

describe('staff sign-in, user administration and the audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('demo');
  });
  after(() => t.close());
  const db = () => t.database.db;
  const staff = () => staffService(db(), { secret: SECRET, idleMinutes: 30, maxHours: 10, limits: { perAccount: 5, perAddress: 30, windowMinutes: 15 } });

  async function seedOf(email: string): Promise<string> {
    const row = await db().selectFrom('staff_users').select('totp_secret').where('email', '=', email).executeTakeFirstOrThrow();
    return decryptSecret(SECRET, row.totp_secret as string);
  }

  /** Signs in through the pages; enrols on the first sign-in. Returns the page after the code. */
  async function signIn(b: Browser, email: string, password: string, codeOffset = 0) {
    let page = await b.get('/backoffice/anmelden');
    page = await b.post('/backoffice/anmelden', { email, password }, page.html);
    assert.equal(page.url, '/backoffice/anmelden/code', page.html.slice(0, 500));
    const code = totpCode(await seedOf(email), totpStep(new Date()) + codeOffset);
    return { codePage: page, page: await b.post('/backoffice/anmelden/code', { code }, page.html) };
  }

  test('first sign-in: password, then enrolment with a QR code, then the start page; the second factor is required afterwards', async () => {
    await staff().createUser(
      { email: 'admin@musterstadt.example', name: 'Ada Admin', password: 'Verwaltung digital 2026', roles: ['administration'], organisationIds: [] },
      'cli',
    );
    const b = new Browser(t.app);
    const { codePage, page } = await signIn(b, 'admin@musterstadt.example', 'Verwaltung digital 2026');
    assert.equal(textOf(codePage.html, 'h1'), 'Zweiten Faktor einrichten');
    assert.match(codePage.html, /<img src="data:image\/png;base64,[^"]+" alt="QR-Code/);
    assert.match(codePage.html, /class="bo-secret">[A-Z2-7 ]{32,}</);
    assert.equal(page.url, '/backoffice');
    assert.match(page.html, /Angemeldet als Ada Admin/);
    const again = new Browser(t.app);
    const second = await signIn(again, 'admin@musterstadt.example', 'Verwaltung digital 2026', 1);
    assert.equal(textOf(second.codePage.html, 'h1'), 'Code eingeben');
    assert.equal(second.page.url, '/backoffice');
  });

  test('a half sign-in (password only) opens nothing; wrong codes are counted and lock the account', async () => {
    await staff().createUser(
      { email: 'ben@musterstadt.example', name: 'Ben Bauer', password: 'Verwaltung digital 2026', roles: ['sachbearbeitung'], organisationIds: [] },
      'cli',
    );
    const b = new Browser(t.app);
    await signIn(b, 'ben@musterstadt.example', 'Verwaltung digital 2026');
    const other = new Browser(t.app);
    let page = await other.get('/backoffice/anmelden');
    page = await other.post('/backoffice/anmelden', { email: 'ben@musterstadt.example', password: 'Verwaltung digital 2026' }, page.html);
    assert.equal((await other.get('/backoffice')).url, '/backoffice/anmelden');
    page = await other.get('/backoffice/anmelden/code');
    for (let i = 0; i < 5; i++) {
      page = await other.post('/backoffice/anmelden/code', { code: '000000' }, page.html);
      assert.equal(page.status, 422);
      assert.match(page.html, /Der Code stimmt nicht/);
    }
    page = await other.post('/backoffice/anmelden/code', { code: totpCode(await seedOf('ben@musterstadt.example'), totpStep(new Date())) }, page.html);
    assert.equal(page.status, 429);
  });

  test('administration creates users and edits access; other roles get 403, visitors the sign-in page', async () => {
    // A fresh administrator: codes of a time step already used are refused, and the first test used them.
    await staff().createUser(
      { email: 'admin2@musterstadt.example', name: 'Anton Admin', password: 'Verwaltung digital 2026', roles: ['administration'], organisationIds: [] },
      'cli',
    );
    const admin = new Browser(t.app);
    await signIn(admin, 'admin2@musterstadt.example', 'Verwaltung digital 2026');
    let page = await admin.get('/backoffice/benutzer');
    assert.equal(textOf(page.html, 'h1'), 'Benutzer');
    page = await admin.post('/backoffice/benutzer', { name: '', email: 'x', roles: [] }, page.html);
    assert.equal(page.status, 422);
    const orgId = (await db().selectFrom('organisations').select('id').where('slug', '=', 'buergerbuero').executeTakeFirstOrThrow()).id;
    page = await admin.post(
      '/backoffice/benutzer',
      { name: 'Clara Case', email: 'clara@musterstadt.example', roles: ['sachbearbeitung'], organisations: [orgId] },
      page.html,
    );
    const password = /Das Startpasswort für clara@musterstadt.example lautet ([\w-]+)\./.exec(page.html)?.[1];
    assert.ok(password, 'the generated password is shown once');
    assert.match(page.html, /Clara Case[\s\S]*Bürgerbüro/);

    const clara = new Browser(t.app);
    assert.equal((await signIn(clara, 'clara@musterstadt.example', password)).page.url, '/backoffice');
    for (const path of ['/backoffice/benutzer', '/backoffice/protokoll']) assert.equal((await clara.get(path)).status, 403, path);
    const visitor = new Browser(t.app);
    assert.equal((await visitor.get('/backoffice/benutzer')).url, '/backoffice/anmelden');

    const claraId = (await db().selectFrom('staff_users').select('id').where('email', '=', 'clara@musterstadt.example').executeTakeFirstOrThrow()).id;
    page = await admin.get(`/backoffice/benutzer/${claraId}`);
    page = await admin.post(`/backoffice/benutzer/${claraId}`, { roles: ['sachbearbeitung', 'teamleitung'], organisations: [orgId] }, page.html);
    assert.match(page.html, /Der Zugang ist gespeichert/);
    assert.equal((await clara.get('/backoffice')).url, '/backoffice/anmelden', 'blocked users are signed out at once');
    const blocked = new Browser(t.app);
    page = await blocked.get('/backoffice/anmelden');
    page = await blocked.post('/backoffice/anmelden', { email: 'clara@musterstadt.example', password }, page.html);
    assert.match(page.html, /E-Mail-Adresse oder Passwort ist falsch/, 'a blocked user cannot sign in');
  });

  test('the audit log records staff actions; the chain check finds a changed entry even with the trigger disabled', async () => {
    const before = await verifyAuditLog(db());
    assert.equal(before.brokenAt, undefined);
    const actions = (await db().selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    for (const a of ['user.create', 'user.totp_enrolled', 'user.sign_in', 'user.access']) assert.ok(actions.includes(a), a);

    await staff().createUser(
      { email: 'auditor@musterstadt.example', name: 'Aud Itor', password: 'Verwaltung digital 2026', roles: ['administration'], organisationIds: [] },
      'cli',
    );
    const admin = new Browser(t.app);
    await signIn(admin, 'auditor@musterstadt.example', 'Verwaltung digital 2026');
    let page = await admin.get('/backoffice/protokoll?pruefen=1');
    assert.match(page.html, /Die Kette der \d+ Einträge ist unversehrt/);
    assert.match(page.html, /user\.create/);

    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`.execute(db()), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log`.execute(db()), /append-only/);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db());
    await sql`UPDATE audit_log SET details = '{"email":"someone@else.example"}' WHERE id = (SELECT min(id) FROM audit_log)`.execute(db());
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db());
    const after = await verifyAuditLog(db());
    assert.equal(after.brokenAt?.reason, 'hash');
    page = await admin.get('/backoffice/protokoll?pruefen=1');
    assert.match(page.html, /Die Kette ist bei Eintrag \d+ unterbrochen/);
  });
});
