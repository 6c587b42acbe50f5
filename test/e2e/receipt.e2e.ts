// The receipt as PDF tools see it (poppler-utils, installed by CI like Chromium): pdfsig accepts the
// e-seal, pdfinfo sees a tagged document with its title, pdftotext finds every answer and hash.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { PDF, PNG, submitParking } from '../support/journeys.ts';

for (const tool of ['pdfsig', 'pdfinfo', 'pdftotext']) {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
  } catch {
    // Never skip silently.
    throw new Error(`${tool} not found: install Debian's poppler-utils package`);
  }
}

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-receipt-'));
before(async () => {
  t = await createTestApp('demo');
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('receipt PDF in poppler', () => {
  it('carries a valid e-seal, tags, the title, every answer and the attachment hashes', async () => {
    const b = new Browser(t.app);
    const confirmation = await submitParking(b, '', { vorname: '<script>alert(1)</script>' });
    const reference = /MST-\d{4}-\d{6}/.exec(confirmation.html)?.[0] as string;
    await t.app.jobs.drain();
    const pdf = await b.get('/antrag/bewohnerparkausweis/eingangsbestaetigung.pdf');
    const file = path.join(dir, 'receipt.pdf');
    fs.writeFileSync(file, pdf.response.rawPayload);

    const sig = run('pdfsig', file);
    assert.match(sig, /Signature Validation: Signature is Valid\./);
    assert.match(sig, /Signer Certificate Common Name: Stadt Musterstadt Entwicklungssiegel/);
    assert.match(sig, /Total document signed/);
    const info = run('pdfinfo', file);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, new RegExp(`Title:\\s+Eingangsbestätigung ${reference}`));
    const text = run('pdftotext', '-layout', file, '-');
    assert.match(text, new RegExp(reference));
    assert.match(text, /MS-AB 123/);
    assert.match(text, /Zone A Altstadt/);
    assert.match(text, /<script>alert\(1\)<\/script>/, 'markup typed by the citizen is printed as text');
    const flat = text.replace(/\s+/g, '');
    for (const data of [PNG, PDF]) assert.ok(flat.includes(crypto.createHash('sha256').update(data).digest('hex')), 'each attachment hash is on the receipt');
  });
});
