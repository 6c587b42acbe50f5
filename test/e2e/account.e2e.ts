// The citizen account in real Chromium: register with the confirmation mail read from a real SMTP
// server, apply, sign out and in, resume and submit, see the status; eID at every trust level through
// the development IdP with step-up; postbox read and reply; data export. axe on every page type,
// screenshots in test-artifacts/screenshots, and the main journey by keyboard only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { DevIdp } from '../../src/account/index.ts';
import { bewohnerparkausweis } from '../../src/forms/demo/bewohnerparkausweis.ts';
import { type FormDefinition, publishDraftVersion, saveDraftVersion } from '../../src/forms/index.ts';
import { PASSWORD } from '../support/accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { check, launchChromium, serve, tabTo } from '../support/chromium.ts';
import { startTestIdp } from '../support/eid.ts';
import { freePort } from '../support/server.ts';
import { type ReceivedMail, startSmtpServer } from '../support/smtp.ts';

const FILES = path.resolve(import.meta.dirname, '../../test-artifacts/files');

let t: TestApp;
let idp: DevIdp;
let browser: Browser;
let base: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

before(async () => {
  fs.mkdirSync(FILES, { recursive: true });
  fs.writeFileSync(
    path.join(FILES, 'fahrzeugschein.png'),
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 9)]),
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  smtp = await startSmtpServer();
  const started = await startTestIdp(base);
  idp = started.idp;
  t = await createTestApp('demo', undefined, { ...started.env, SMTP_URL: smtp.url });
  const eidForm: FormDefinition = { ...bewohnerparkausweis, id: 'parkausweis-eid', trustLevel: 'substantiell' };
  await saveDraftVersion(t.database.db, eidForm);
  await publishDraftVersion(t.database.db, eidForm.id);
  await serve(t.app, port);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await idp?.close();
  await smtp?.close();
});

/** The portal link in the newest mail to `to` (quoted-printable undone, origin replaced by the test server's). */
async function mailedLink(to: string): Promise<string> {
  await t.app.jobs.drain();
  const mail = [...smtp.mails].reverse().find((m: ReceivedMail) => m.to.includes(to));
  assert.ok(mail, `no mail to ${to}`);
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  const match = /https?:\/\/[^/\s]+(\/konto\/\S+)/.exec(text);
  assert.ok(match?.[1], 'a link in the mail');
  return `${base}${match[1]}`;
}

const primary = (page: Page) => page.locator('main form button.kern-btn--primary').last().click();

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/konto/anmelden`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.waitForURL(`${base}/konto`);
}

describe('citizen account in the browser', () => {
  it('register → confirm by mail → sign in → start → sign out → sign in → resume → submit → status (axe on each page)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Anmelden' }).click();
    await check(page, '20-sign-in');
    await page.getByRole('link', { name: 'Noch kein Konto? Jetzt registrieren' }).click();
    await check(page, '21-register');
    await page.fill('#email', 'browser@example.org');
    await page.fill('#password', 'kurz');
    await primary(page);
    await page.waitForSelector('.error-summary');
    await check(page, '22-register-error');
    await page.fill('#password', PASSWORD);
    await primary(page);
    await page.waitForSelector('text=Prüfen Sie Ihr E-Mail-Postfach');
    await check(page, '23-check-mail');
    await page.goto(await mailedLink('browser@example.org'));
    await check(page, '24-confirm-email');
    await primary(page);
    await page.waitForURL(/bestaetigt=1/);
    await page.fill('#email', 'browser@example.org');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.waitForURL(`${base}/konto`);
    await check(page, '25-account');

    await page.goto(`${base}/antrag/bewohnerparkausweis`);
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await page.fill('[name="vorname"]', 'Bruno');
    await page.fill('[name="nachname"]', 'Browser');
    await page.fill('[name="strasse"]', 'Am Markt 2');
    await page.fill('[name="plz"]', '12345');
    await page.locator('.form-actions button.kern-btn--primary').click();
    await page.waitForURL(/schritt\/fahrzeug/);
    await page.goto(`${base}/konto`);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(/abgemeldet/);
    await check(page, '26-signed-out');
    await context.clearCookies();

    await signIn(page, 'browser@example.org');
    await page.getByRole('link', { name: 'Meine Anträge' }).click();
    await check(page, '27-my-applications');
    await page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' }).click();
    await check(page, '28-application-draft');
    await page.getByRole('link', { name: 'Weiter ausfüllen' }).click();
    await page.waitForURL(/schritt\/fahrzeug/);
    await page.fill('[name="kennzeichen"]', 'MS-AB 123');
    await page.locator('[name="zone"][value="A"]').check();
    await page.locator('[name="halter"][value="selbst"]').check();
    await page.fill('[name="gueltig_ab"]', '01.12.2026');
    await page.locator('.form-actions button.kern-btn--primary').click();
    await page.waitForURL(/schritt\/nachweise/);
    await page.locator('[name="fahrzeugschein"]').setInputFiles(path.join(FILES, 'fahrzeugschein.png'));
    await page.locator('.form-actions button.kern-btn--primary').click();
    await page.waitForURL(/schritt\/laufzeit/);
    await page.locator('[name="laufzeit"][value="12"]').check();
    await page.locator('.form-actions button.kern-btn--primary').click();
    await page.waitForURL(/pruefen/);
    await page.locator('#declaration').check();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.waitForURL(/bestaetigung/);
    await page.goto(`${base}/konto/antraege`);
    assert.equal(await page.locator('.kern-badge', { hasText: 'Eingegangen' }).count(), 1);
    await page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' }).click();
    await check(page, '29-application-submitted');
    await context.close();
  });

  it('eID at each trust level through the development IdP; a form needing "substantiell" asks for step-up and prefills', async () => {
    for (const [person, level] of [
      ['Lieschen Müller', 'niedrig'],
      ['Max Mustermann', 'substantiell'],
      ['Erika Mustermann', 'hoch'],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/konto/anmelden`);
      await page.getByRole('link', { name: 'Mit BundID / Online-Ausweis anmelden' }).click();
      await page.waitForSelector('text=Als welche Testperson');
      if (level === 'niedrig') await check(page, '30-dev-idp');
      await page.getByLabel(new RegExp(`^${person}`)).check();
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(`${base}/konto`);
      assert.match(await page.locator('main').innerText(), new RegExp(`Vertrauensniveau ${level}`));
      await context.close();
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/antrag/parkausweis-eid`);
    await check(page, '31-start-needs-eid');
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await page.waitForURL(/konto\/anmelden\?stufe=substantiell/);
    await check(page, '32-step-up');
    await page.getByRole('link', { name: 'Mit BundID / Online-Ausweis anmelden' }).click();
    await page.waitForSelector('text=verlangt das Vertrauensniveau');
    await page.getByLabel(/^Max Mustermann/).check();
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${base}/antrag/parkausweis-eid`);
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await page.waitForURL(/schritt\/antragsteller/);
    assert.equal(await page.inputValue('[name="vorname"]'), 'Max');
    assert.equal(await page.locator('[name="vorname"]').getAttribute('readonly'), '');
    await check(page, '33-prefilled-step');
    await context.close();
  });

  it('postbox: a notice with a PDF is read and answered; the data export downloads', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'browser@example.org');
    const application = await t.database.db
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'submitted')
      .orderBy('submitted_at', 'desc')
      .executeTakeFirstOrThrow();
    await t.app.postbox.send({
      applicationId: application.id,
      kind: 'nachforderung',
      subject: 'Bitte reichen Sie einen Nachweis nach',
      body: 'Guten Tag,\n\nbitte laden Sie die Meldebescheinigung hoch.',
      attachments: [{ filename: 'Anhoerung.pdf', mediaType: 'application/pdf', data: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 32)]) }],
    });
    await page.goto(`${base}/konto`);
    await page.getByRole('link', { name: /Mein Konto.*1 ungelesen/ }).click();
    await page.getByRole('link', { name: 'Postfach' }).click();
    await check(page, '34-postbox');
    await page.getByRole('link', { name: /Bitte reichen Sie einen Nachweis nach/ }).click();
    await check(page, '35-message');
    assert.equal(await page.getByRole('link', { name: 'Anhoerung.pdf' }).count(), 1);
    await page.fill('#body', 'Die Bescheinigung folgt morgen.');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.waitForURL(/gesendet=1/);
    await check(page, '36-message-sent');
    await page.getByRole('link', { name: 'Unterlagen hochladen' }).click();
    await check(page, '37-hand-in');
    await page.locator('[name="unterlagen"]').setInputFiles(path.join(FILES, 'fahrzeugschein.png'));
    await page.getByRole('button', { name: 'Unterlagen senden' }).click();
    await page.waitForURL(/gesendet=1/);

    await page.goto(`${base}/konto/einstellungen`);
    await check(page, '38-settings');
    await page.goto(`${base}/konto/daten`);
    await check(page, '39-my-data');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Alle Daten herunterladen (ZIP)' }).click();
    const file = await (await download).path();
    assert.ok(file && fs.statSync(file).size > 1000);
    await context.close();
  });

  it('keyboard only: sign in and open the postbox', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/konto/anmelden`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Zum Inhalt springen');
    await tabTo(page, () => document.activeElement?.id === 'email');
    await page.keyboard.type('browser@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/konto`);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Postfach') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/konto/postfach`);
    await context.close();
  });

  it('the other account page types pass axe: forgotten password, new password, claim, eID cancelled, archive, English, deleted account', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/konto/passwort-vergessen`);
    await check(page, '40-forgot');
    await page.fill('#email', 'browser@example.org');
    await primary(page);
    await page.waitForSelector('text=Prüfen Sie Ihr E-Mail-Postfach');
    await page.goto(await mailedLink('browser@example.org'));
    await check(page, '41-new-password');
    await page.goto(`${base}/konto/eid`);
    await page.getByRole('button', { name: 'Abbrechen und zurück' }).click();
    await page.waitForURL(/konto\/eid\/rueckkehr/);
    await check(page, '42-eid-cancelled');
    await signIn(page, 'browser@example.org');
    await page.goto(`${base}/konto/antraege/uebernehmen`);
    await check(page, '43-claim');
    await primary(page);
    await page.waitForSelector('.error-summary');
    await check(page, '44-claim-errors');
    await page.goto(`${base}/konto/postfach?archiv=1`);
    await check(page, '45-postbox-archive');
    await page.goto(`${base}/konto?lang=en`);
    await check(page, '46-account-english');
    await page.goto(`${base}/konto/daten?lang=de`);
    await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await page.waitForSelector('.error-summary');
    await check(page, '47-delete-errors');
    await page.locator('#bestaetigt').check();
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await page.waitForURL(/geloescht/);
    await check(page, '48-deleted');
    await context.close();
  });
});
