import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bewohnerparkausweis } from '../../src/forms/demo/bewohnerparkausweis.ts';
import { hundesteuer } from '../../src/forms/demo/hundesteuer.ts';
import { DEMO_FORMS, type FormDefinition, prefillAnswers, publishDraftVersion, saveDraftVersion } from '../../src/forms/index.ts';
import { registerAndSignIn } from '../support/accounts.ts';
import { Browser, type Page } from '../support/browser.ts';
import { appWithIdp, eidSignIn } from '../support/eid.ts';

describe('prefill from an identity', () => {
  test('names, birth date and address go into the fields marked for them; invalid values are left out', () => {
    const { answers, fields } = prefillAnswers(hundesteuer, {
      givenName: 'Erika',
      familyName: 'Mustermann',
      birthDate: '1964-08-12',
      street: 'Heidestraße 17',
      postalCode: '12345',
      city: 'Musterstadt',
    });
    assert.deepEqual(answers, { vorname: 'Erika', nachname: 'Mustermann', strasse: 'Heidestraße 17', plz: '12345', geburtsdatum: '1964-08-12' });
    assert.deepEqual(fields.sort(), ['geburtsdatum', 'nachname', 'plz', 'strasse', 'vorname']);
    assert.deepEqual(prefillAnswers(hundesteuer, { postalCode: '1234X', birthDate: 'gestern' }).answers, {});
  });
});

describe('forms that need a trust level, and prefill after eID sign-in', () => {
  const eidForm: FormDefinition = { ...bewohnerparkausweis, id: 'parkausweis-eid', trustLevel: 'substantiell' };
  const f = appWithIdp('demo', async (t) => {
    await saveDraftVersion(t.database.db, eidForm);
    await publishDraftVersion(t.database.db, eidForm.id);
  });

  test('the start page says eID is needed; starting without it leads to sign-in at that level', async () => {
    const b = new Browser(f.t.app);
    let page = await b.get('/antrag/parkausweis-eid');
    assert.match(page.html, /Vertrauensniveau „substantiell“/);
    page = await b.post('/antrag/parkausweis-eid', {}, page.html);
    assert.match(page.url, /^\/konto\/anmelden\?stufe=substantiell&weiter=%2Fantrag%2Fparkausweis-eid$/);
    assert.match(page.html, /Höheres Vertrauensniveau nötig/);
    assert.match(page.html, /href="\/konto\/eid\?weiter=%2Fantrag%2Fparkausweis-eid&amp;stufe=substantiell"/);
    const drafts = await f.t.database.db.selectFrom('applications').select('id').where('form_id', '=', 'parkausweis-eid').execute();
    assert.equal(drafts.length, 0, 'no draft without the trust level');
  });

  test('a password sign-in (niedrig) is not enough, not even with a draft cookie; eID at "niedrig" neither', async () => {
    const b = new Browser(f.t.app);
    await registerAndSignIn(b, f.t.database.db, 'low@example.org');
    let page = await b.get('/antrag/parkausweis-eid');
    page = await b.post('/antrag/parkausweis-eid', {}, page.html);
    assert.match(page.url, /^\/konto\/anmelden\?stufe=substantiell/);
    const low = new Browser(f.t.app);
    page = (await eidSignIn(low, '/konto/eid?weiter=%2Fantrag%2Fparkausweis-eid&stufe=substantiell', 'dev-lieschen-mueller')) as Page;
    page = await low.post('/antrag/parkausweis-eid', {}, page.html);
    assert.match(page.url, /^\/konto\/anmelden\?stufe=substantiell/);
  });

  test('eID at "substantiell" lets the citizen in; names are prefilled and locked, the address prefilled and changeable', async () => {
    const b = new Browser(f.t.app);
    let page: Page = await eidSignIn(b, '/konto/eid?weiter=%2Fantrag%2Fparkausweis-eid&stufe=substantiell', 'dev-max-mustermann');
    assert.equal(page.url, '/antrag/parkausweis-eid');
    page = await b.post('/antrag/parkausweis-eid', {}, page.html);
    assert.match(page.url, /^\/antrag\/parkausweis-eid\/schritt\//);
    assert.match(page.html, /id="f-vorname"[^>]*readonly|readonly[^>]*id="f-vorname"/);
    assert.match(page.html, /value="Max"/);
    assert.match(page.html, /value="Lindenweg 5"/);
    assert.match(page.html, /dieser Wert kann nicht geändert werden/);
    assert.match(page.html, /Sie können den Wert ändern/);
    page = await b.post(page.url, { vorname: 'Moritz', nachname: 'Anders', strasse: 'Neue Straße 1', plz: '12345', email: '', telefon: '' }, page.html);
    const draft = await f.t.database.db
      .selectFrom('applications')
      .select('answers')
      .where('form_id', '=', 'parkausweis-eid')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const answers = draft.answers as Record<string, unknown>;
    assert.equal(answers.vorname, 'Max', 'a locked value stays');
    assert.equal(answers.nachname, 'Mustermann');
    assert.equal(answers.strasse, 'Neue Straße 1', 'the address may be corrected');
  });

  test('a password account gets no prefill (nothing was confirmed)', async () => {
    const b = new Browser(f.t.app);
    await registerAndSignIn(b, f.t.database.db, 'noprefill@example.org');
    let page = await b.get(`/antrag/${DEMO_FORMS.bewohnerparkausweis}`);
    page = await b.post(`/antrag/${DEMO_FORMS.bewohnerparkausweis}`, {}, page.html);
    assert.doesNotMatch(page.html, /readonly/);
    assert.doesNotMatch(page.html, /Identitätsnachweis übernommen/);
  });
});
