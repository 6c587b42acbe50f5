import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { textOf } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { appWithIdp, eidSignIn } from '../support/eid.ts';
import { staffFor } from '../support/staff.ts';

describe('staff sign-in through the identity provider', () => {
  const fixture = appWithIdp('demo', async (t) => {
    const office = await t.database.db.selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').executeTakeFirstOrThrow();
    const staff = staffFor(t.database.db);
    // Erika's work address is known here; Max has no access; Lieschen's access is blocked.
    await staff.createUser({ email: 'Erika.Mustermann@example.org', name: 'Erika', roles: ['sachbearbeitung'], organisationIds: [office.id] }, 'cli');
    const { id } = await staff.createUser({ email: 'lieschen.mueller@example.org', name: 'Lieschen', roles: ['sachbearbeitung'], organisationIds: [] }, 'cli');
    await staff.updateAccess(id, { roles: ['sachbearbeitung'], organisationIds: [], active: false }, 'cli');
  });
  const db = () => fixture.t.database.db;

  test('the sign-in page offers the staff account', async () => {
    const page = await new Browser(fixture.t.app).get('/backoffice/anmelden');
    assert.match(page.html, /href="\/backoffice\/anmelden\/dienstkonto"[^>]*>\s*<span class="kern-label">Mit dem Dienstkonto anmelden/);
  });

  test('a known, verified address signs in without TOTP and binds the subject; the sign-in is audited', async () => {
    const b = new Browser(fixture.t.app);
    const landed = await eidSignIn(b, '/backoffice/anmelden/dienstkonto', 'dev-erika-mustermann');
    assert.equal(landed.url, '/backoffice');
    assert.equal(textOf(landed.html, 'h1'), 'Posteingang');
    const user = await db().selectFrom('staff_users').select(['id', 'oidc_subject', 'last_sign_in_at']).where('name', '=', 'Erika').executeTakeFirstOrThrow();
    assert.equal(user.oidc_subject, 'dev-erika-mustermann');
    assert.ok(user.last_sign_in_at);
    const entries = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('actor_id', '=', user.id)
      .where('action', 'like', 'user.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      entries.map((e) => e.action),
      ['user.oidc_bound', 'user.sign_in'],
    );
    assert.deepEqual(entries[1]?.details, { method: 'oidc' });
    // From now on the subject decides, not the address.
    await db().updateTable('staff_users').set({ email: 'e.mustermann@musterstadt.example' }).where('id', '=', user.id).execute();
    const again = await eidSignIn(new Browser(fixture.t.app), '/backoffice/anmelden/dienstkonto', 'dev-erika-mustermann');
    assert.equal(again.url, '/backoffice');
  });

  test('an unknown or blocked person gets no session and is told why', async () => {
    for (const sub of ['dev-max-mustermann', 'dev-lieschen-mueller']) {
      const b = new Browser(fixture.t.app);
      const landed = await eidSignIn(b, '/backoffice/anmelden/dienstkonto', sub);
      assert.equal(landed.status, 403, sub);
      assert.equal(textOf(landed.html, 'h1'), 'Kein Zugang zur Sachbearbeitung');
      assert.equal((await b.get('/backoffice')).url, '/backoffice/anmelden', `${sub}: not signed in`);
    }
    assert.equal(
      await db()
        .selectFrom('staff_sessions')
        .select('token_hash')
        .where('stage', '=', 'complete')
        .execute()
        .then((r) => r.length),
      2,
      'only Erika’s',
    );
  });

  test('a forged or missing state is refused', async () => {
    const b = new Browser(fixture.t.app);
    const page = await b.get('/backoffice/anmelden/dienstkonto/rueckkehr?code=x&state=y');
    assert.equal(page.status, 400);
    assert.equal(textOf(page.html, 'h1'), 'Anmeldung mit dem Dienstkonto nicht möglich');
  });
});
