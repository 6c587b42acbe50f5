// The receipt and the mails: a sealed, tagged PDF (checked with poppler in the e2e suite); the
// confirmation and resume-link mails through a real SMTP server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { parkingToUploads, submitParking } from '../support/journeys.ts';
import { startSmtpServer } from '../support/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

before(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp('demo', undefined, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://portal.musterstadt.example' });
});
after(async () => {
  await t.close();
  await smtp.close();
});

describe('receipt and mails', () => {
  it('seals a tagged receipt with all answers and attachment hashes, and mails it', async () => {
    const b = new Browser(t.app);
    const confirmation = await submitParking(b, 'max@example.org', { vorname: '<script>alert(1)</script>' });
    const reference = /MST-\d{4}-\d{6}/.exec(confirmation.html)?.[0] as string;
    assert.ok(reference);
    await t.app.jobs.drain();

    const pdf = await b.get('/antrag/bewohnerparkausweis/eingangsbestaetigung.pdf');
    const bytes = pdf.response.rawPayload.toString('latin1');
    assert.ok(bytes.startsWith('%PDF-1.7'));
    for (const marker of [
      '/StructTreeRoot',
      '/MarkInfo',
      '/Lang (de-DE)',
      '/DisplayDocTitle true',
      'pdfuaid:part',
      '/SubFilter /ETSI.CAdES.detached',
      '/FontFile2',
    ]) {
      assert.ok(bytes.includes(marker), `the receipt has ${marker}`);
    }
    const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(bytes);
    assert.ok(range, 'the signature covers a byte range');
    assert.equal(Number(range[2]) + Number(range[3]), pdf.response.rawPayload.length, 'the signature covers the whole file but its own value');
    // pdfsig, pdfinfo and pdftotext check signature, tags and text in test/e2e/receipt.e2e.ts.

    const again = await b.get('/antrag/bewohnerparkausweis/eingangsbestaetigung.pdf');
    assert.deepEqual(again.response.rawPayload, pdf.response.rawPayload, 'the stored receipt is served, not a new one');

    assert.equal(smtp.mails.length, 1);
    const mail = smtp.mails[0];
    assert.deepEqual(mail?.to, ['max@example.org']);
    const raw = mail?.raw ?? '';
    assert.ok(raw.includes(reference), 'the reference is in the mail');
    assert.ok(/Content-Type: application\/pdf;\s+name=Eingangsbestaetigung-MST-\d{4}-\d{6}\.pdf/.test(raw), 'the receipt is attached');
    assert.ok(raw.includes('Vorname: <script>alert(1)</script>'), 'answers are in the plain-text body as typed');
    assert.ok(!raw.includes('Content-Type: text/html'), 'mails are plain text only');
    const status = await t.database.db.selectFrom('mails').select('status').executeTakeFirstOrThrow();
    assert.equal(status.status, 'sent');
  });

  it('mails a resume link that opens the draft in another browser', async () => {
    const b = new Browser(t.app);
    const page = await parkingToUploads(b);
    const saved = await b.post(
      page.url.replace('nachweise', 'fahrzeug'),
      { kennzeichen: 'MS-XY 9', zone: 'B', halter: 'selbst', gueltig_ab: '', _action: 'save' },
      page.html,
    );
    assert.equal(saved.url, '/antrag/bewohnerparkausweis/gespeichert');
    const bad = await b.post(saved.url, { email: 'keine-adresse' }, saved.html);
    assert.equal(bad.status, 422);
    const sent = await b.post(saved.url, { email: 'max@example.org' }, saved.html);
    assert.match(sent.html, /Link gesendet/);
    const before = smtp.mails.length;
    await t.app.jobs.drain();
    assert.equal(smtp.mails.length, before + 1);
    const raw = (smtp.mails.at(-1)?.raw ?? '').replace(/=\r\n/g, '').replace(/=3D/g, '=');
    const link = /https:\/\/portal\.musterstadt\.example(\/antrag\/bewohnerparkausweis\/fortsetzen\?schluessel=[^\s]+)/.exec(raw)?.[1];
    assert.ok(link, raw);

    const other = new Browser(t.app);
    const resumed = await other.get(decodeURIComponent(link).replace('schluessel=', 'schluessel='));
    assert.equal(resumed.url, '/antrag/bewohnerparkausweis/schritt/fahrzeug', 'the first open step: the start date was left out');
    assert.match(resumed.html, /value="MS-XY 9"/);
    assert.equal((await new Browser(t.app).get('/antrag/bewohnerparkausweis/fortsetzen?schluessel=x.y')).status, 404);
  });
});
