// The back office in real Chromium: sign-in with password and TOTP (enrolment page with QR code),
// inbox, case page, status change, user administration and the audit log; axe on each page type,
// and the case worker's main journey by keyboard only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import type { DevIdp } from '../../src/account/index.ts';
import { createPdf } from '../../src/platform/pdf/index.ts';
import { registerAndSignIn } from '../support/accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { formAction, Browser as HttpBrowser, multipartBody } from '../support/browser.ts';
import { check, launchChromium, serve, tabTo } from '../support/chromium.ts';
import { startTestIdp } from '../support/eid.ts';
import { submitParking } from '../support/journeys.ts';
import { freePort } from '../support/server.ts';
import { STAFF_PASSWORD, staffFor } from '../support/staff.ts';
import { signIn as staffSignIn, signInByKeyboard as staffSignInByKeyboard } from '../support/staff-browser.ts';

let t: TestApp;
let citizen: HttpBrowser;
let browser: Browser;
let base: string;
let idp: DevIdp;

before(async () => {
  // The development IdP doubles as the municipality's staff identity provider (STAFF_OIDC_*).
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const started = await startTestIdp(base);
  idp = started.idp;
  t = await createTestApp('demo', undefined, started.env);
  citizen = new HttpBrowser(t.app);
  await serve(t.app, port);
  browser = await launchChromium();
  await registerAndSignIn(citizen, t.database.db, 'citizen@example.org');
  await submitParking(citizen, 'citizen@example.org', { vorname: 'Hanna', nachname: 'Hausmann' });
  const offices = await t.database.db.selectFrom('organisations').select('id').where('slug', '=', 'strassenverkehr').execute();
  const staff = staffFor(t.database.db);
  await staff.createUser(
    {
      email: 'sb@musterstadt.example',
      name: 'Sina Sachbearbeiterin',
      password: STAFF_PASSWORD,
      roles: ['sachbearbeitung'],
      organisationIds: offices.map((o) => o.id),
    },
    'cli',
  );
  await staff.createUser(
    { email: 'erika.mustermann@example.org', name: 'Erika Mustermann', roles: ['sachbearbeitung'], organisationIds: offices.map((o) => o.id) },
    'cli',
  );
  await staff.createUser(
    { email: 'tl@musterstadt.example', name: 'Tom Teamleitung', password: STAFF_PASSWORD, roles: ['teamleitung'], organisationIds: offices.map((o) => o.id) },
    'cli',
  );
  await staff.createUser(
    { email: 'admin@musterstadt.example', name: 'Ada Admin', password: STAFF_PASSWORD, roles: ['administration'], organisationIds: [] },
    'cli',
  );
  await staff.createUser(
    { email: 'redaktion@musterstadt.example', name: 'Rita Redaktion', password: STAFF_PASSWORD, roles: ['redaktion'], organisationIds: [] },
    'cli',
  );
});
after(async () => {
  await browser?.close();
  await t?.close();
  await idp?.close();
});

/** A small, valid PDF with one line of text (what a citizen might hand in). */
async function realPdf(text: string): Promise<Buffer> {
  const pdf = createPdf({ title: text, lang: 'de', author: 'Test', subject: text });
  pdf.paragraph(text);
  return pdf.finish('Test', text);
}

const signIn = (page: Page, email: string, shots?: string) => staffSignIn(page, base, t.database.db, email, shots);
const signInByKeyboard = (page: Page, email: string) => staffSignInByKeyboard(page, base, t.database.db, email);

describe('back office in the browser', () => {
  it('case worker: enrol, inbox, case, status change (axe on each page)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'sb@musterstadt.example', '50');
    await check(page, '51-inbox');
    await page.fill('#q', 'Hausmann');
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.getByRole('link', { name: /MST-\d{4}-\d{6}/ }).click();
    await check(page, '52-case');
    await page.getByLabel('In Bearbeitung').check();
    await page.fill('#reason', 'Unterlagen vollständig');
    await page.getByRole('button', { name: 'Stand ändern' }).click();
    await page.waitForSelector('text=Unterlagen vollständig');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    await page.waitForSelector('.error-summary');
    await check(page, '53-case-error');

    // Nachforderung: the citizen gets it in the postbox, hands in a file, the case is back in review.
    await page.fill('#text', 'Bitte reichen Sie die Rückseite des Fahrzeugscheins nach.');
    await page.fill('#due', '31.12.2099');
    await page.getByRole('button', { name: 'Nachforderung senden' }).click();
    await page.waitForSelector('text=Die Nachforderung ist im Postfach');
    const request = /href="\/konto\/postfach\/([0-9a-f-]{36})"/.exec((await citizen.get('/konto/postfach')).html)?.[1] as string;
    const handIn = await citizen.get(`/konto/postfach/${request}/nachreichen`);
    const { payload, contentType } = multipartBody({}, [
      { name: 'unterlagen', filename: 'rueckseite.pdf', type: 'application/pdf', data: await realPdf('Rückseite des Fahrzeugscheins') },
      { name: 'unterlagen', filename: 'foto.png', type: 'image/png', data: await QRCode.toBuffer('MS-AB 123') },
    ]);
    await citizen.request('POST', formAction(handIn.html, '/nachreichen'), payload, { 'content-type': contentType });
    await page.reload();
    await page.waitForSelector('text=Unterlagen nachgereicht');
    assert.ok(
      await page
        .getByRole('link', { name: /rueckseite\.pdf/ })
        .first()
        .isVisible(),
    );
    // Attachments are shown in the page: the uploaded image, and the PDF in the browser's viewer.
    await page.getByRole('link', { name: 'foto.png ansehen' }).click();
    await page.waitForFunction(() => (document.querySelector('img.file-preview') as HTMLImageElement | null)?.complete);
    assert.ok(await page.evaluate(() => (document.querySelector('img.file-preview') as HTMLImageElement).naturalWidth > 0), 'the image loads under the CSP');
    await check(page, '66-preview-image');
    await page.goBack();
    await page.getByRole('link', { name: 'rueckseite.pdf ansehen' }).click();
    await page.waitForSelector('object.file-preview--pdf');
    await check(page, '67-preview-pdf');
    await page.goBack();

    // The decision: preview, issue; the citizen finds the sealed notice in the postbox.
    await page.getByLabel('bewilligt', { exact: true }).check();
    await page.fill('#body', 'Sehr geehrte/r {{antragsteller.name}},\n\nIhr Antrag {{aktenzeichen}} wird bewilligt.');
    await page.getByRole('button', { name: 'Vorschau' }).click();
    await page.waitForSelector('text=Sehr geehrte/r Hanna Hausmann');
    await check(page, '58-notice-preview');
    await page.getByRole('button', { name: 'Bescheid erlassen' }).click();
    await page.waitForSelector('text=Der Bescheid ist erlassen');
    const postbox = await citizen.get('/konto/postfach');
    const messageId = /href="\/konto\/postfach\/([0-9a-f-]{36})">(?:<span[^>]*>[^<]*<\/span>)?\s*Bescheid/.exec(postbox.html)?.[1] as string;
    const message = await citizen.get(`/konto/postfach/${messageId}`);
    const pdfHref = /href="(\/konto\/postfach\/[^"]+\/anhaenge\/[^"]+)"/.exec(message.html)?.[1] as string;
    const pdf = (await citizen.get(pdfHref)).response.rawPayload;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-notice-')), 'Bescheid.pdf');
    fs.writeFileSync(file, pdf);
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    assert.match(sig, /Signature Validation: Signature is Valid\./);
    assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /Ihr Antrag MST-\d{4}-\d{6} wird bewilligt\./);
    await context.close();
  });

  it('administration: users and the audit log (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'admin@musterstadt.example');
    await check(page, '54-admin-home');
    await page.getByRole('link', { name: 'Benutzer' }).click();
    await check(page, '55-users');
    await page.fill('#name', 'Neu Mitarbeiter');
    await page.fill('#email', 'neu@musterstadt.example');
    await page.getByLabel('Sachbearbeitung').check();
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.waitForSelector('text=Startpasswort');
    await page.getByRole('link', { name: 'Neu Mitarbeiter' }).click();
    await check(page, '56-user');
    await page.goto(`${base}/backoffice/protokoll?pruefen=1`);
    await page.waitForSelector('text=ist unversehrt');
    await check(page, '57-audit');
    await context.close();
  });

  it('editors: forms page, FIM upload with to-dos and with an error (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'redaktion@musterstadt.example');
    await page.getByRole('link', { name: 'Formulare' }).click();
    await check(page, '59-forms');
    await page.fill('#formId', 'blaue-karte');
    await page.locator('#file').setInputFiles(path.resolve(import.meta.dirname, '../../../shared/data/fim/schemas/S00000121_Antrag_Blaue_Karte_EU_xdf2.xml'));
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.waitForSelector('text=als Entwurf 1 von blaue-karte importiert');
    await check(page, '60-forms-imported');
    await page.locator('#file').setInputFiles(path.resolve(import.meta.dirname, '../../../shared/data/fim/synthetic/v3/empty-id-node.xml'));
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.waitForSelector('.error-summary');
    await check(page, '61-forms-error');
    await context.close();
  });

  it('team lead: service settings, a workflow that traps cases, a notice template (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'tl@musterstadt.example');
    await page.getByRole('link', { name: 'Leistungen', exact: true }).click();
    await check(page, '62-services');
    await page.getByRole('link', { name: 'Bewohnerparkausweis' }).click();
    await check(page, '63-service-settings');
    await page.getByRole('group', { name: 'Nach „Rückfrage“ darf folgen' }).getByLabel('In Bearbeitung').uncheck();
    await page.getByRole('group', { name: 'Nach „Rückfrage“ darf folgen' }).getByLabel('Zurückgezogen').uncheck();
    await page.getByRole('button', { name: 'Ablauf speichern' }).click();
    await page.waitForSelector('.error-summary');
    await check(page, '64-workflow-error');
    await page.getByRole('link', { name: /kein Weg zu „Abgeschlossen“/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'next-rueckfrage');
    await page.getByRole('link', { name: 'Neue Bescheidvorlage' }).click();
    await page.fill('#name', 'Ablehnung fehlender Wohnsitz');
    await page.getByLabel('abgelehnt', { exact: true }).check();
    await page.fill('#fee', 'zehn');
    await page.getByRole('button', { name: 'Vorlage speichern' }).click();
    await page.waitForSelector('.error-summary');
    await check(page, '65-template-error');
    await page.fill('#fee', '10');
    await page.getByRole('button', { name: 'Vorlage speichern' }).click();
    await page.waitForSelector('text=Die Vorlage ist gespeichert');
    assert.ok(await page.getByRole('link', { name: 'Ablehnung fehlender Wohnsitz' }).isVisible());
    await context.close();
  });

  it('staff account: sign-in through the identity provider without TOTP; an unknown person is told why (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/backoffice/anmelden`);
    await page.getByRole('link', { name: 'Mit dem Dienstkonto anmelden' }).click();
    await page.waitForSelector('text=Als welche Testperson');
    await page.getByLabel(/^Erika Mustermann/).check();
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${base}/backoffice`);
    assert.equal(await page.locator('h1').innerText(), 'Posteingang');
    await context.close();

    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto(`${base}/backoffice/anmelden/dienstkonto`);
    await other.getByLabel(/^Max Mustermann/).check();
    await other.getByRole('button', { name: 'Anmelden' }).click();
    await other.waitForSelector('text=Kein Zugang zur Sachbearbeitung');
    await check(other, '68-provider-unknown');
    await stranger.close();
  });

  it('keyboard only: the case worker signs in, searches and opens a case', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByKeyboard(page, 'sb@musterstadt.example');
    await tabTo(page, () => document.activeElement?.id === 'q');
    await page.keyboard.type('Hausmann');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=Hausmann/);
    await tabTo(page, () => /^MST-/.test(document.activeElement?.textContent ?? ''));
    await page.keyboard.press('Enter');
    await page.waitForURL(/vorgaenge\//);
    assert.match(await page.locator('h1').innerText(), /MST-\d{4}-\d{6} – Bewohnerparkausweis/);
    // An attachment's preview, and back.
    await tabTo(page, () => document.activeElement?.getAttribute('aria-label') === 'foto.png ansehen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/ansicht$/);
    assert.equal(await page.locator('h1').innerText(), 'foto.png');
    await context.close();
  });

  it('keyboard only: the team lead changes a processing deadline', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByKeyboard(page, 'tl@musterstadt.example');
    await tabTo(page, () => document.activeElement?.textContent === 'Leistungen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/backoffice\/leistungen$/);
    await tabTo(page, () => document.activeElement?.textContent === 'Bewohnerparkausweis');
    await page.keyboard.press('Enter');
    await page.waitForURL(/leistungen\/[0-9a-f-]{36}$/);
    await tabTo(page, () => document.activeElement?.id === 'days');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('21');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Die Bearbeitungsfrist ist gespeichert.');
    assert.equal(await page.inputValue('#days'), '21');
    await context.close();
  });
});
