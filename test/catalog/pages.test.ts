// The citizen portal through HTTP: what a browser without JavaScript receives.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('portal pages', () => {
  it('start page: German, one h1, skip link, landmarks, search form, browse links', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<html lang="de"/);
    assert.equal(res.body.match(/<h1/g)?.length, 1);
    assert.match(res.body, /<a class="skip-link" href="#main">Zum Inhalt springen<\/a>/);
    assert.match(res.body, /<main id="main"/);
    assert.match(res.body, /<header/);
    assert.match(res.body, /<footer/);
    assert.match(res.body, /<form class="search-form" action="\/suche" method="get" role="search">/);
    assert.match(res.body, /href="\/lebenslagen\/\d+"/);
    assert.match(res.body, /href="\/themen\/bauen_wohnen"/);
    assert.equal(res.headers['set-cookie'], undefined, 'an anonymous GET creates no cookie');
  });

  it('switches to English per request and remembers it', async () => {
    const res = await get('/?lang=en');
    assert.match(res.body, /<html lang="en"/);
    assert.equal(textOf(res.body, 'h1'), 'What would you like to do?');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /lang=en/);
    assert.match(cookie, /HttpOnly/);
    const next = await get('/leistungen/gewerbeanmeldung', { cookie: 'lang=en' });
    assert.equal(textOf(next.body, 'h1'), 'Registering a business');
    assert.match(next.body, /Apply online/);
    assert.match(next.body, /href="\/leistungen\/gewerbeanmeldung\?lang=de"/);
  });

  it('search results page: count, highlighted snippet, link to the service', async () => {
    const res = await get('/suche?q=Gewerbe+anmelden');
    assert.equal(res.statusCode, 200);
    assert.equal(textOf(res.body, 'h1'), 'Suchergebnisse für „Gewerbe anmelden“');
    assert.match(res.body, /Leistungen gefunden/);
    assert.match(res.body, /<mark>Gewerbe<\/mark>/);
    const firstResult = res.body.indexOf('href="/leistungen/');
    assert.equal(res.body.slice(firstResult, firstResult + 35), 'href="/leistungen/gewerbeanmeldung"');
  });

  it('helpful empty state', async () => {
    const res = await get('/suche?q=xqzvw');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Zu „xqzvw“ haben wir keine Leistung gefunden/);
    assert.match(res.body, /Prüfen Sie die Schreibweise/);
  });

  it('escapes what the user typed', async () => {
    const res = await get(`/suche?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('<script>alert(1)'));
    assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;/);
  });

  it('paginates and filters', async () => {
    const res = await get('/suche?q=Antrag&themenfeld=bauen_wohnen');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<option value="bauen_wohnen" selected/);
    const catalog = await get('/suche?q=F%C3%BChrerschein&bereich=leika');
    assert.match(catalog.body, /Führerschein Ausstellung/);
    assert.match(catalog.body, /Leistungsschlüssel: 99023001012000/);
    const paged = await get('/suche?q=Steuer&bereich=leika&seite=2');
    assert.match(paged.body, /Seite 2 von \d+/);
    assert.match(paged.body, /rel="prev"/);
  });

  it('rejects an invalid page number with a friendly 400 page', async () => {
    const res = await get('/suche?q=x&seite=abc');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Ungültige Anfrage/);
  });

  it('service detail page shows every field citizens need', async () => {
    const res = await get('/leistungen/gewerbeanmeldung');
    assert.equal(res.statusCode, 200);
    assert.equal(textOf(res.body, 'h1'), 'Gewerbeanmeldung');
    for (const heading of ['Beschreibung', 'Voraussetzungen', 'Erforderliche Unterlagen', 'Gebühren', 'Zuständige Stelle', 'Katalogangaben']) {
      assert.match(res.body, new RegExp(`<h2[^>]*>${heading}</h2>`), heading);
    }
    assert.match(res.body, /26,00\s€/);
    assert.match(res.body, /Bearbeitungsdauer/);
    assert.match(res.body, /§ 14 Gewerbeordnung/);
    assert.match(res.body, /Ordnungsamt – Gewerbe und Sicherheit/);
    assert.match(res.body, /99050012104000/);
    assert.match(res.body, /Unternehmensanmeldung und -genehmigung<\/span> \(10294\)/);
    assert.match(res.body, /Online beantragen/);
  });

  it('a service without online access says so', async () => {
    const res = await get('/leistungen/personalausweis');
    assert.match(res.body, /noch nicht online beantragen/);
  });

  it('browse pages: Themen, Lebenslagen, A–Z', async () => {
    const themen = await get('/themen');
    assert.equal(themen.body.match(/href="\/themen\/[a-z_]+"/g)?.length, 14 + 0);
    const thema = await get('/themen/bauen_wohnen');
    assert.match(thema.body, /href="\/leistungen\/baugenehmigung"/);
    const lebenslagen = await get('/lebenslagen');
    assert.equal(lebenslagen.statusCode, 200);
    const az = await get('/leistungen');
    assert.equal(az.body.match(/href="\/leistungen\/[a-z0-9-]+"/g)?.length, 42);
  });

  it('unknown pages get a friendly 404 in the user’s language, without internals', async () => {
    const de = await get('/leistungen/gibt-es-nicht');
    assert.equal(de.statusCode, 404);
    assert.match(de.body, /Seite nicht gefunden/);
    const en = await get('/nirgendwo?lang=en');
    assert.equal(en.statusCode, 404);
    assert.match(en.body, /Page not found/);
    assert.ok(!/at .*\.ts:\d+/.test(en.body));
    const badId = await get('/lebenslagen/99999999999999999');
    assert.equal(badId.statusCode, 404);
  });

  it('keeps a citizen page within the budget of 60 KB compressed, fonts excepted', async () => {
    const gz = { 'accept-encoding': 'gzip' };
    const page = await get('/suche?q=Gewerbe+anmelden', gz);
    assert.equal(page.headers['content-encoding'], 'gzip');
    const html = gunzipSync(page.rawPayload).toString('utf8');
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
    assert.equal(assets.length, 4);
    let total = page.rawPayload.length;
    for (const asset of assets) {
      const res = await get(asset, gz);
      assert.equal(res.statusCode, 200, asset);
      total += res.rawPayload.length;
    }
    assert.ok(total <= 60 * 1024, `page weight ${total} bytes`);
  });

  it('serves KERN styles and only the allowed font files', async () => {
    const css = await get('/assets/kern/kern.min.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /text\/css/);
    assert.equal((await get('/assets/kern/fonts/fira-sans/FiraSans-Regular.woff2')).statusCode, 200);
    assert.equal((await get('/assets/kern/fonts/fira-sans/FiraSans-Light.woff2')).statusCode, 404);
    assert.equal((await get('/assets/kern/../../package.json')).statusCode, 404);
  });
});
