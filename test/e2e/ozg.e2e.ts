// The OZG coordination's pages in real Chromium: the overview with the distribution, a service's
// criteria, an override refused without a reason and then set – axe on each page type – and the
// override set by keyboard only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { check, launchChromium, serve, tabTo } from '../support/chromium.ts';
import { createStaff } from '../support/staff.ts';
import { signIn, signInByKeyboard } from '../support/staff-browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  t = await createTestApp('demo');
  base = await serve(t.app);
  browser = await launchChromium();
  await createStaff(t.database.db, [
    ['ozg@musterstadt.example', 'Olga OZG', 'ozg_koordination'],
    ['ozg2@musterstadt.example', 'Olga OZG', 'ozg_koordination'],
    ['redaktion@musterstadt.example', 'Rita Redaktion', 'redaktion'],
  ]);
  await t.database.db.updateTable('services').set({ leika_key: null }).where('slug', '=', 'bewohnerparkausweis').execute();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('OZG implementation in the browser', () => {
  it('overview, a service, an override refused and set (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, t.database.db, 'ozg@musterstadt.example');
    await page.getByRole('link', { name: 'OZG-Umsetzung' }).click();
    await check(page, '80-ozg');
    await page.getByRole('link', { name: 'Bewohnerparkausweis' }).click();
    await check(page, '81-ozg-service');
    await page.getByRole('button', { name: 'Reifegrad festlegen' }).click();
    await page.waitForSelector('text=Begründen Sie die Festlegung.');
    await check(page, '82-ozg-override-error');
    await page.selectOption('#level', '3');
    await page.fill('#reason', 'Ausweis wird im Fachverfahren per eID geprüft');
    await page.getByRole('button', { name: 'Reifegrad festlegen' }).click();
    await page.waitForSelector('text=Der Reifegrad ist festgelegt.');
    await check(page, '83-ozg-override');
    await page.getByRole('button', { name: 'Festlegung aufheben' }).click();
    await page.waitForSelector('text=es gilt der berechnete Reifegrad');

    // The plan: an impossible date first, then a valid one in the past (overdue on the dashboard).
    await page.fill('#responsiblePerson', 'Petra Plan');
    await page.getByLabel('Hoch').check();
    await page.getByLabel('in Bearbeitung').check();
    await page.fill('#targetDate', '31.02.2027');
    await page.getByRole('button', { name: 'Planung speichern' }).click();
    await page.waitForSelector('text=Geben Sie das Datum im Format TT.MM.JJJJ ein');
    await check(page, '84-ozg-plan-error');
    await page.fill('#targetDate', '01.01.2020');
    await page.getByRole('button', { name: 'Planung speichern' }).click();
    await page.waitForSelector('text=Die Umsetzungsplanung ist gespeichert.');
    await page.fill('#title', 'Fachverfahren angebunden');
    await page.fill('#dueDate', '30.06.2027');
    await page.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
    await page.waitForSelector('text=Die Meilensteine sind gespeichert.');
    await check(page, '85-ozg-plan');
    await page.getByRole('link', { name: 'OZG-Umsetzung' }).first().click();
    await page.waitForSelector('text=Überfällige Zieltermine');
    await check(page, '86-ozg-dashboard');
    await page.getByRole('link', { name: 'OZG-Leistungen ohne eigene Leistung' }).click();
    await check(page, '91-ozg-uncovered');
    await page.locator('tbody a').first().click();
    await page.waitForSelector('text=Umsetzungsplanung');
    await check(page, '92-ozg-uncovered-plan');
    await page.getByLabel('Mittel').check();
    await page.getByLabel('in Planung').check();
    await page.fill('#targetDate', `30.06.${new Date().getFullYear() + 1}`);
    await page.getByLabel('Produkt eines Herstellers').check();
    await page.fill('#solutionDetail', 'Fachverfahren XY');
    await page.getByRole('button', { name: 'Planung speichern' }).click();
    await page.waitForSelector('text=Die Umsetzungsplanung ist gespeichert.');
    await page.getByRole('link', { name: 'OZG-Umsetzung' }).first().click();
    await page.waitForSelector('svg[aria-labelledby^="roadmap-chart"]');
    await check(page, '92b-ozg-roadmap');
    await context.close();
  });

  it('keyboard only: open a service and set its Reifegrad with a reason', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByKeyboard(page, base, t.database.db, 'ozg2@musterstadt.example');
    await tabTo(page, () => document.activeElement?.textContent === 'OZG-Umsetzung');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/backoffice\/ozg$/);
    await tabTo(page, () => document.activeElement?.textContent === 'Hundesteuer – Hund anmelden', 120);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/backoffice\/ozg\/[0-9a-f-]{36}$/);
    await tabTo(page, () => document.activeElement?.id === 'level');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, () => document.activeElement?.id === 'reason');
    await page.keyboard.type('Erst nach Umstellung des Fachverfahrens');
    await tabTo(page, () => document.activeElement?.textContent === 'Reifegrad festlegen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Der Reifegrad ist festgelegt.');
    assert.match((await page.locator('dl').first().textContent()) ?? '', /1 – Information \(festgelegt\)/);
    await context.close();
  });

  it('matching: the bulk view and the suggestions for a service (axe), a match taken by keyboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByKeyboard(page, base, t.database.db, 'redaktion@musterstadt.example');
    await tabTo(page, () => document.activeElement?.textContent === 'Zuordnung');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/backoffice\/zuordnung$/);
    await check(page, '87-matching');
    await tabTo(page, () => document.activeElement?.textContent === 'Bewohnerparkausweis', 120);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/backoffice\/zuordnung\/[0-9a-f-]{36}$/);
    await check(page, '88-matching-service');
    await tabTo(page, () => document.activeElement?.textContent === '„Bewohnerparkausweis Erteilung“ übernehmen', 120);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=der LeiKa-Leistung 99108001001000 zugeordnet');

    // The CSV import: upload, preview with a broken row, import.
    await page.goto(`${base}/backoffice/zuordnung/import`);
    await check(page, '89-import');
    const csv = 'Bezeichnung,Zuständiges Amt\nBrauchtumsfeuer anzeigen,ordnungsamt\nFundsache melden,Amt für Unbekanntes\n';
    await page.setInputFiles('#file', { name: 'leistungen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.waitForSelector('text=Ohne Fehler und bereit zum Import: 1.');
    await check(page, '90-import-preview');
    await page.getByRole('button', { name: 'Als Entwurf importieren (1)' }).click();
    await page.waitForSelector('text=Als Entwurf angelegt: 1.');
    await context.close();
  });
});
