// Uploads in the Bewohnerparkausweis demo: content-checked types, size limits while streaming,
// removal, download only by the owner, and CSRF on multipart posts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sniffType } from '../../src/applications/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, multipartBody } from '../support/browser.ts';
import { PDF, PNG, parkingToUploads, postUploads } from '../support/journeys.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 1)]);
const toUploadStep = (b: Browser, person: Record<string, string> = {}) => parkingToUploads(b, person);
const upload = postUploads;

describe('file uploads', () => {
  it('recognises types by their first bytes', () => {
    assert.equal(sniffType(PNG), 'image/png');
    assert.equal(sniffType(PDF), 'application/pdf');
    assert.equal(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffType(EXE), undefined);
  });

  it('stores allowed files, refuses spoofed ones, and lets the citizen remove a file', async () => {
    const b = new Browser(t.app);
    let page = await toUploadStep(b);
    assert.match(page.html, /enctype="multipart\/form-data"/);
    assert.match(page.html, /Nachweis, dass Sie das Fahrzeug dauerhaft nutzen/, 'asked because the car is a company car');
    const spoofed = await upload(b, page, [{ name: 'fahrzeugschein', filename: 'schein.pdf', type: 'application/pdf', data: EXE }]);
    assert.equal(spoofed.status, 422);
    assert.match(spoofed.html, /„schein.pdf“ hat kein erlaubtes Dateiformat/);
    page = await upload(b, spoofed, [
      { name: 'fahrzeugschein', filename: 'schein.png', type: 'image/png', data: PNG },
      { name: 'nutzungsnachweis', filename: '<b>arbeitgeber.pdf', type: 'application/pdf', data: PDF },
    ]);
    assert.equal(page.url, '/antrag/bewohnerparkausweis/schritt/laufzeit');
    const uploads = await t.database.db.selectFrom('uploads').select(['id', 'filename', 'media_type', 'size_bytes']).orderBy('filename').execute();
    assert.deepEqual(
      uploads.map((u) => [u.filename, u.media_type, Number(u.size_bytes)]),
      [
        ['barbeitgeber.pdf', 'application/pdf', PDF.length],
        ['schein.png', 'image/png', PNG.length],
      ],
    );
    assert.doesNotMatch(uploads[0]?.filename ?? '', /[<>]/, 'markup is removed from file names');

    const back = await b.get('/antrag/bewohnerparkausweis/schritt/nachweise');
    assert.match(back.html, /schein\.png \(2 KB\)/);
    const id = uploads.find((u) => u.filename === 'schein.png')?.id as string;
    const own = await b.get(`/antrag/bewohnerparkausweis/dateien/${id}`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.response.rawPayload, PNG);
    assert.equal((await new Browser(t.app).get(`/antrag/bewohnerparkausweis/dateien/${id}`)).status, 404, 'nobody else can download it');

    const removed = await upload(b, back, [], { _action: `removeFile:${id}` });
    assert.equal(removed.url, '/antrag/bewohnerparkausweis/schritt/nachweise');
    assert.doesNotMatch(removed.html, /schein\.png/);
    assert.equal(await t.database.db.selectFrom('uploads').select('id').where('id', '=', id).executeTakeFirst(), undefined);
    const missing = await upload(b, removed, [], { _action: 'continue' });
    assert.equal(missing.status, 422, 'the registration certificate is required again');
  });

  it('refuses a 50 MB upload while it streams, storing nothing', async () => {
    const b = new Browser(t.app);
    const page = await toUploadStep(b);
    const blobs = async () => (await t.database.db.selectFrom('blobs').select('key').execute()).length;
    const blobsBefore = await blobs();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50 * 1024 * 1024, 48)]);
    const refused = await upload(b, page, [{ name: 'fahrzeugschein', filename: 'riesig.pdf', type: 'application/pdf', data: big }]);
    assert.equal(refused.status, 422);
    assert.match(refused.html, /„riesig.pdf“ ist zu groß\. Eine Datei darf höchstens 5 MB groß sein/);
    const stored = await t.database.db.selectFrom('uploads').select('filename').where('filename', '=', 'riesig.pdf').execute();
    assert.equal(stored.length, 0);
    assert.equal(await blobs(), blobsBefore, 'no partial blob is left behind');
  });

  it('takes several files for a repeated file field, up to its maximum', async () => {
    const b = new Browser(t.app);
    let page = await b.get('/antrag/hundesteuer');
    page = await b.post('/antrag/hundesteuer', {}, page.html);
    page = await b.post(page.url, { vorname: 'Erika', nachname: 'Mustermann', strasse: 'Hauptstraße 1', plz: '12345', geburtsdatum: '12.08.1964' }, page.html);
    page = await b.post(
      page.url,
      { 'hund.0.name': 'Bello', 'hund.0.rasse': 'Dackel', 'hund.0.haltung_seit': '01.03.2026', 'hund.0.listenhund': 'nein' },
      page.html,
    );
    page = await b.post(page.url, { grund: 'tierheim' }, page.html);
    assert.equal(page.url, '/antrag/hundesteuer/schritt/nachweis');
    assert.match(page.html, /type="file"[^>]*name="nachweis" multiple/);
    const file = (i: number) => ({ name: 'nachweis', filename: `vertrag-${i}.pdf`, type: 'application/pdf', data: PDF });
    const two = await upload(b, page, [file(1), file(2)], { _action: 'save' }, 'nachweis');
    assert.equal(two.url, '/antrag/hundesteuer/gespeichert');
    page = await b.get('/antrag/hundesteuer/schritt/nachweis');
    const tooMany = await upload(b, page, [3, 4, 5, 6].map(file), {}, 'nachweis');
    assert.equal(tooMany.status, 422);
    assert.match(tooMany.html, /„vertrag-6\.pdf“ wurde nicht gespeichert: Es sind höchstens 5 Dateien möglich/);
    for (const i of [1, 2, 3, 4, 5]) assert.match(tooMany.html, new RegExp(`vertrag-${i}\\.pdf`), 'the files within the limit are kept');
    const next = await b.post('/antrag/hundesteuer/schritt/nachweis', { bemerkung: '' }, tooMany.html);
    assert.equal(next.url, '/antrag/hundesteuer/schritt/zahlung');
  });

  it('keeps one file in a single file field: a new upload replaces the old one', async () => {
    const b = new Browser(t.app);
    const page = await toUploadStep(b, { vorname: 'Ersatz' });
    const first = await upload(b, page, [{ name: 'fahrzeugschein', filename: 'alt.png', type: 'image/png', data: PNG }], { _action: 'save' });
    assert.equal(first.url, '/antrag/bewohnerparkausweis/gespeichert');
    const again = await b.get('/antrag/bewohnerparkausweis/schritt/nachweise');
    const second = await upload(b, again, [{ name: 'fahrzeugschein', filename: 'neu.png', type: 'image/png', data: PNG }], { _action: 'save' });
    assert.equal(second.url, '/antrag/bewohnerparkausweis/gespeichert');
    const names = await t.database.db.selectFrom('uploads').select('filename').where('filename', 'in', ['alt.png', 'neu.png']).execute();
    assert.deepEqual(
      names.map((n) => n.filename),
      ['neu.png'],
      'the replaced file is deleted',
    );
  });

  it('refuses a multipart post without the CSRF token in its address', async () => {
    const b = new Browser(t.app);
    await toUploadStep(b);
    const { payload, contentType } = multipartBody({}, [{ name: 'fahrzeugschein', filename: 'a.png', type: 'image/png', data: PNG }]);
    const forged = await b.request('POST', '/antrag/bewohnerparkausweis/schritt/nachweise', payload, { 'content-type': contentType });
    assert.equal(forged.status, 403);
  });
});
