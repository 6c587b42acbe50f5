// The Hundesteuer demo form end to end through HTTP: start, errors with kept input, a repeating group,
// conditional steps, check your answers, idempotent submit, receipt and confirmation mail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, csrfToken } from '../support/browser.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

const OWNER = { vorname: 'Erika', nachname: 'Mustermann', strasse: 'Hauptstraße 1', plz: '12345', geburtsdatum: '12.08.1964', email: '', telefon: '' };
const DOG = (i: number, name: string) => ({
  [`hund.${i}.name`]: name,
  [`hund.${i}.rasse`]: 'Mischling',
  [`hund.${i}.wurfdatum`]: '',
  [`hund.${i}.haltung_seit`]: '01.03.2026',
  [`hund.${i}.listenhund`]: 'nein',
});

describe('Hundesteuer online', () => {
  it('shows a start page without creating a draft', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/antrag/hundesteuer');
    assert.equal(page.status, 200);
    assert.match(page.html, /Hund zur Hundesteuer anmelden/);
    assert.equal(b.cookie('amtsweg_antrag_hundesteuer'), undefined);
    assert.equal(
      Number(
        (
          await t.database.db
            .selectFrom('applications')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    );
  });

  it('keeps what was typed and explains every error, linked from the summary', async () => {
    const b = new Browser(t.app);
    const start = await b.get('/antrag/hundesteuer');
    const step = await b.post('/antrag/hundesteuer', {}, start.html);
    assert.equal(step.url, '/antrag/hundesteuer/schritt/halter');
    const bad = await b.post(step.url, { ...OWNER, vorname: '<script>alert(1)</script>', nachname: '', plz: '1234', geburtsdatum: '31.02.1990' }, step.html);
    assert.equal(bad.status, 422);
    assert.match(bad.html, /<title>Fehler: /);
    assert.match(bad.html, /href="#f-nachname"[^>]*>Geben Sie eine Antwort ein\./);
    assert.match(bad.html, /href="#f-geburtsdatum"[^>]*>Dieses Datum gibt es nicht/);
    assert.match(bad.html, /href="#f-plz"/);
    assert.match(bad.html, /value="31.02.1990"/, 'the wrong date is shown as typed');
    assert.match(bad.html, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.doesNotMatch(bad.html, /<script>alert/);
    // The applicant's own name and address can be filled in by the browser (WCAG 1.3.5).
    for (const [name, token] of [
      ['vorname', 'given-name'],
      ['nachname', 'family-name'],
      ['strasse', 'address-line1'],
      ['plz', 'postal-code'],
    ]) {
      assert.match(step.html, new RegExp(`<input[^>]*autocomplete="${token}"[^>]*name="${name}"`), name);
    }
    assert.match(bad.html, /<legend[^>]*>Anschrift in Musterstadt<\/legend>/);
  });

  it('goes from start to receipt, with another dog, conditional steps and one submission for two clicks', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/antrag/hundesteuer');
    page = await b.post('/antrag/hundesteuer', {}, page.html);
    page = await b.post(page.url, OWNER, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/hunde');
    assert.match(page.html, /name="hund.0.name"/, 'one dog is asked for from the start');
    page = await b.post(page.url, { ...DOG(0, 'Bello'), _action: 'add:hund' }, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/hunde');
    assert.match(page.html, /value="Bello"/);
    assert.match(page.html, /name="hund.1.name"/);
    page = await b.post(page.url, { ...DOG(0, 'Bello'), ...DOG(1, 'Luna') }, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/ermaessigung');
    page = await b.post(page.url, { grund: 'keine' }, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/zahlung', 'the proof step does not apply without a reduction');
    page = await b.post(page.url, { lastschrift: 'ja' }, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/sepa');
    const wrongIban = await b.post(page.url, { kontoinhaber: 'Erika Mustermann', iban: 'DE89 3704 0044 0532 0130 01', mandat: 'ja' }, page.html);
    assert.equal(wrongIban.status, 422);
    assert.match(wrongIban.html, /Prüfziffer/);
    page = await b.post(page.url, { kontoinhaber: 'Erika Mustermann', iban: 'DE89 3704 0044 0532 0130 00', mandat: 'ja' }, wrongIban.html);
    assert.equal(page.url, '/antrag/hundesteuer/pruefen');
    assert.match(page.html, /Bello/);
    assert.match(page.html, /Luna/);
    assert.match(page.html, /DE89 3704 0044 0532 0130 00/);
    assert.match(page.html, /12\. August 1964/);

    const noDeclaration = await b.post('/antrag/hundesteuer/absenden', { email: 'erika@example.org' }, page.html);
    assert.equal(noDeclaration.status, 422);
    assert.match(noDeclaration.html, /value="erika@example.org"/);
    const token = csrfToken(noDeclaration.html);
    const [first, second] = await Promise.all([
      b.post('/antrag/hundesteuer/absenden', { email: 'erika@example.org', declaration: 'ja', _csrf: token }),
      b.post('/antrag/hundesteuer/absenden', { email: 'erika@example.org', declaration: 'ja', _csrf: token }),
    ]);
    assert.equal(first.url, '/antrag/hundesteuer/bestaetigung');
    assert.equal(second.url, '/antrag/hundesteuer/bestaetigung');
    const reference = /MST-\d{4}-\d{6}/.exec(first.html)?.[0];
    assert.ok(reference, 'the confirmation shows the reference number');
    assert.match(second.html, new RegExp(reference));
    const rows = await t.database.db.selectFrom('applications').select(['reference', 'status']).where('status', '=', 'submitted').execute();
    assert.equal(rows.length, 1, 'two clicks, one application');

    await t.app.jobs.drain();
    assert.deepEqual(await t.database.db.selectFrom('jobs').select(['kind', 'status', 'last_error']).where('status', '!=', 'done').execute(), []);
    const mails = await t.database.db.selectFrom('mails').selectAll().execute();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.recipient, 'erika@example.org');
    assert.match(mails[0]?.subject ?? '', new RegExp(reference));
    assert.match(mails[0]?.body ?? '', /Bello/);
    const pdf = await b.get('/antrag/hundesteuer/eingangsbestaetigung.pdf');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.response.headers['content-type'], 'application/pdf');
    assert.equal(pdf.response.rawPayload.subarray(0, 5).toString(), '%PDF-');

    const again = await b.get('/antrag/hundesteuer/schritt/halter');
    assert.equal(again.url, '/antrag/hundesteuer/bestaetigung', 'a submitted application cannot be changed');
  });

  it('does not let another browser see the application', async () => {
    const stranger = new Browser(t.app);
    assert.equal((await stranger.get('/antrag/hundesteuer/bestaetigung')).status, 404);
    assert.equal((await stranger.get('/antrag/hundesteuer/eingangsbestaetigung.pdf')).status, 404);
    const page = await stranger.get('/antrag/hundesteuer/schritt/hunde');
    assert.equal(page.url, '/antrag/hundesteuer', 'without a draft the start page opens');
  });

  it('asks about a temperament test only for a dangerous dog, on the same page', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/antrag/hundesteuer');
    page = await b.post('/antrag/hundesteuer', {}, page.html);
    assert.doesNotMatch(page.html, /forms\.js/, 'a page without same-page conditions needs no script');
    page = await b.post(page.url, OWNER, page.html);
    assert.match(page.html, /<script src="\/assets\/forms.js" defer>/);
    assert.match(page.html, /class="form-conditional" data-condition="\{&quot;op&quot;:&quot;equals&quot;,&quot;field&quot;:&quot;listenhund&quot;/);
    assert.match(page.html, /Nur beantworten, wenn Sie bei „Gilt der Hund als gefährlicher Hund \(Listenhund\)\?“ „Ja“ angeben\./);
    assert.match(page.html, /name="hund.0.wesenstest"/, 'shown without JavaScript');
    const dangerous = await b.post(page.url, { ...DOG(0, 'Rex'), 'hund.0.listenhund': 'ja' }, page.html);
    assert.equal(dangerous.status, 422);
    assert.match(dangerous.html, /href="#f-hund--0--wesenstest"/);
    page = await b.post(page.url, { ...DOG(0, 'Rex'), 'hund.0.wesenstest': 'ja' }, dangerous.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/ermaessigung', 'an answer that does not apply is no error');
    const draft = await t.database.db
      .selectFrom('applications')
      .select('answers')
      .where('status', '=', 'draft')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      (draft.answers as { hund: unknown }).hund,
      [{ name: 'Rex', rasse: 'Mischling', haltung_seit: '2026-03-01', listenhund: false }],
      'and is not kept',
    );
  });

  it('keeps a step page with its script within 60 KB compressed, fonts excepted', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/antrag/hundesteuer');
    page = await b.post('/antrag/hundesteuer', {}, page.html);
    page = await b.post(page.url, OWNER, page.html);
    const gz = { 'accept-encoding': 'gzip' };
    const step = await b.request('GET', page.url, undefined, gz);
    assert.equal(step.response.headers['content-encoding'], 'gzip');
    const html = gunzipSync(step.response.rawPayload).toString('utf8');
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
    assert.ok(assets.includes('/assets/forms.js'));
    let total = step.response.rawPayload.length;
    for (const asset of assets) {
      const res = await t.app.inject({ url: asset, headers: gz });
      assert.equal(res.statusCode, 200, asset);
      total += res.rawPayload.length;
    }
    assert.ok(total <= 60 * 1024, `page weight ${total} bytes`);
  });

  it('serves the browser logic built from the server modules', async () => {
    const script = await t.app.inject({ url: '/assets/forms.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.match(script.body, /form-conditional/);
    assert.doesNotMatch(script.body, /\brequire\(/, 'bundled for the browser');
    const cached = await t.app.inject({ url: '/assets/forms.js', headers: { 'if-none-match': String(script.headers.etag) } });
    assert.equal(cached.statusCode, 304);
  });

  it('refuses a step post without the CSRF token', async () => {
    const b = new Browser(t.app);
    const start = await b.get('/antrag/hundesteuer');
    await b.post('/antrag/hundesteuer', {}, start.html);
    const forged = await b.post('/antrag/hundesteuer/schritt/halter', { ...OWNER, _csrf: 'forged' });
    assert.equal(forged.status, 403);
  });
});
