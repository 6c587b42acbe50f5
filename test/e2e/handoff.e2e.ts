// The hand-off's administration in real Chromium: the integrations page (access for a Fachverfahren,
// credentials shown once), a delivery target set up in two steps (with and without errors), the
// deliveries list and a failed delivery sent again – axe on each page type, and the way from the
// navigation to "deliver again" by keyboard only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser as HttpBrowser } from '../support/browser.ts';
import { check, launchChromium, serve, tabTo } from '../support/chromium.ts';
import { submitParking } from '../support/journeys.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.ts';
import { STAFF_PASSWORD, staffFor } from '../support/staff.ts';
import { signIn, signInByKeyboard } from '../support/staff-browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let receiver: WebhookReceiver;

before(async () => {
  t = await createTestApp('demo', undefined, { JOB_RETRY_BASE_MS: '1', HANDOFF_MAX_ATTEMPTS: '2' });
  base = await serve(t.app);
  browser = await launchChromium();
  receiver = await startWebhookReceiver();
  const staff = staffFor(t.database.db);
  for (const email of ['admin@musterstadt.example', 'admin2@musterstadt.example']) {
    await staff.createUser({ email, name: 'Ada Admin', password: STAFF_PASSWORD, roles: ['administration'], organisationIds: [] }, 'cli');
  }
});
after(async () => {
  await browser?.close();
  await receiver?.close();
  await t?.close();
});

describe('hand-off administration in the browser', () => {
  it('access for a Fachverfahren, a webhook target, a failed delivery sent again (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, t.database.db, 'admin@musterstadt.example');
    await page.getByRole('link', { name: 'Schnittstellen' }).click();
    await check(page, '70-integrations');

    // Access: first without a name (errors), then complete; the secret is shown once.
    await page.getByLabel('Bewohnerparkausweis').check();
    await page.getByRole('button', { name: 'Zugang anlegen' }).click();
    await page.waitForSelector('text=Geben Sie einen Namen für den Zugang ein.');
    await check(page, '71-integrations-error');
    await page.fill('#name', 'Parkraum-Fachverfahren');
    await page.getByRole('button', { name: 'Zugang anlegen' }).click();
    await page.waitForSelector('text=Client-Secret');
    await check(page, '72-integration-created');
    await page.getByRole('link', { name: 'Parkraum-Fachverfahren' }).click();
    await check(page, '73-integration');

    // A webhook target: choose service and kind, then its settings.
    await page.goto(`${base}/backoffice/schnittstellen`);
    await page.getByRole('link', { name: 'Neues Zustellziel anlegen' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForSelector('text=Wählen Sie eine Leistung aus.');
    await check(page, '74-target-choose-error');
    await page.selectOption('#leistung', { label: 'Bewohnerparkausweis' });
    await page.getByLabel('Webhook').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await check(page, '75-target-form');
    await page.fill('#name', 'Parkraumverfahren');
    await page.fill('#url', 'kein-link');
    await page.getByRole('button', { name: 'Ziel anlegen' }).click();
    await page.waitForSelector('text=muss eine vollständige Adresse sein');
    await check(page, '76-target-form-error');
    await page.fill('#url', receiver.url);
    await page.getByRole('button', { name: 'Ziel anlegen' }).click();
    const secret = await page.locator('code.bo-secret').textContent();
    receiver.secret = secret ?? '';
    await check(page, '77-target-created');

    // A submission while the target is down fails; the administrator sends it again.
    receiver.down(Number.POSITIVE_INFINITY);
    await submitParking(new HttpBrowser(t.app), 'citizen@example.org');
    for (let i = 0; i < 100 && (await t.database.db.selectFrom('handoff_deliveries').select('state').executeTakeFirst())?.state !== 'failed'; i++) {
      await t.app.jobs.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    receiver.down(0);
    await page.getByRole('link', { name: 'Zustellungen' }).click();
    await check(page, '78-deliveries');
    await page.locator('tbody a').first().click();
    await page.waitForSelector('text=HTTP 503');
    await check(page, '79-delivery');
    await context.close();
  });

  it('keyboard only: from the navigation to a failed delivery, sent again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByKeyboard(page, base, t.database.db, 'admin2@musterstadt.example');
    await tabTo(page, () => document.activeElement?.textContent === 'Zustellungen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/zustellungen$/);
    await tabTo(page, () => /^MST-/.test(document.activeElement?.textContent ?? ''));
    await page.keyboard.press('Enter');
    await page.waitForURL(/zustellungen\/[0-9a-f-]{36}$/);
    await tabTo(page, () => document.activeElement?.textContent === 'Erneut zustellen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Die Zustellung wird erneut versucht.');
    await t.app.jobs.drain();
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]?.signature, 'valid');
    await context.close();
  });
});
