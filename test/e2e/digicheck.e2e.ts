// DigiCheck in real Chromium: a whole check with two participants – started with a bad form first,
// the interview with a manager driven by keyboard only – to the results and a changed plan. axe on
// every page type.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { check, launchChromium, serve, tabTo } from '../support/chromium.ts';
import { createStaff } from '../support/staff.ts';
import { signIn } from '../support/staff-browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-digicheck-'));
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

before(async () => {
  t = await createTestApp('demo');
  base = await serve(t.app);
  browser = await launchChromium();
  await createStaff(t.database.db, [
    ['olga@musterstadt.example', 'Olga OZG', 'ozg_koordination'],
    ['ada@musterstadt.example', 'Ada Admin', 'administration'],
  ]);
});
after(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('DigiCheck in the browser', () => {
  it('runs a check with two participants to the results and a changed plan', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, t.database.db, 'olga@musterstadt.example');
    await page.getByRole('link', { name: 'DigiCheck', exact: true }).click();
    await check(page, 'a0-digicheck-list');
    await page.getByRole('link', { name: 'Neuen DigiCheck beginnen' }).click();
    await page.getByLabel('Technologien').uncheck();
    await page.getByRole('button', { name: 'DigiCheck anlegen' }).click();
    await page.waitForSelector('text=Geben Sie den Fachbereich an.');
    await check(page, 'a1-digicheck-new-errors');
    await page.fill('#department', 'Straßenverkehr');
    await page.selectOption('#organisationId', { label: 'Straßenverkehrsbehörde' });
    for (const field of ['Veränderung, Organisation und Kultur', 'Prozesse', 'Daten', 'Informationssicherheit', 'Kompetenzen'])
      await page.getByLabel(field).uncheck();
    await page.getByRole('button', { name: 'DigiCheck anlegen' }).click();
    await page.waitForSelector('h1:has-text("DigiCheck: Straßenverkehr")');
    for (const [name, role] of [
      ['Sina Sachbearbeiterin', 'Beschäftigte'],
      ['Lars Leitung', 'Führungskraft'],
    ] as const) {
      await page.fill('#name', name);
      await page.getByLabel(role, { exact: true }).check();
      await page.getByRole('button', { name: 'Teilnehmende hinzufügen' }).click();
      await page.waitForSelector('text=Die Person ist hinzugefügt.');
    }
    await check(page, 'a2-digicheck-check');
    const checkUrl = page.url().replace(/\?.*$/, '');

    // Sina by mouse: every question at level 1, one with a note.
    await page.getByRole('link', { name: 'Interview mit Sina Sachbearbeiterin führen' }).click();
    await page.waitForSelector('text=Schritt 1 von 1: Digitale Ausgangslage');
    await check(page, 'a3-digicheck-step');
    for (const radio of await page.locator('input[type=radio][value="1"]').all()) await radio.check();
    await page.fill('#note-a2-e-akte', 'Papierakte führend');
    await page.getByRole('button', { name: 'Speichern und Interview abschließen' }).click();
    await page.waitForSelector('text=Das Interview mit Sina Sachbearbeiterin ist vollständig gespeichert.');

    // Lars answers on his own through his invitation link, by keyboard only: level 4 for the first
    // question (arrow keys move within the radio group), then save.
    await page.getByRole('button', { name: 'Einladungslink für Lars Leitung erstellen' }).click();
    const link = /http:\/\/[^\s]+\/digicheck\/teilnahme\/[A-Za-z0-9_-]{43}/.exec((await page.locator('.kern-alert').textContent()) ?? '')?.[0] as string;
    assert.ok(link, 'the invitation link is shown');
    const lars = await (await browser.newContext()).newPage();
    await lars.goto(`${base}${new URL(link).pathname}`);
    await check(lars, 'a3b-digicheck-invitation');
    await tabTo(lars, () => document.activeElement?.textContent === 'Fragen beantworten');
    await lars.keyboard.press('Enter');
    await lars.waitForSelector('text=Schritt 1 von 1: Digitale Ausgangslage');
    await tabTo(lars, () => (document.activeElement as HTMLInputElement | null)?.name === 'q-a1-online-leistungen', 120);
    await lars.keyboard.press('Space');
    for (let i = 0; i < 4; i++) await lars.keyboard.press('ArrowDown');
    assert.equal(await lars.locator('input[name="q-a1-online-leistungen"]:checked').getAttribute('value'), '4');
    await tabTo(lars, () => document.activeElement?.textContent === 'Speichern und Interview abschließen', 200);
    await lars.keyboard.press('Enter');
    await lars.waitForSelector('text=Vielen Dank, Ihre Antworten sind vollständig gespeichert.');
    await check(lars, 'a3c-digicheck-invitation-done');
    await page.goto(checkUrl);

    await page.getByRole('link', { name: 'Ergebnis ansehen' }).click();
    await page.waitForSelector('text=Unterschiedliche Sicht von Beschäftigten und Führungskräften');
    await check(page, 'a4-digicheck-result');
    await page.fill('#budget', 'viel');
    await page.getByRole('button', { name: 'Neu planen' }).click();
    await page.waitForSelector('text=Geben Sie das Budget als ganze Euro an');
    await check(page, 'a5-digicheck-result-errors');
    await page.fill('#budget', '250000');
    await page.getByRole('button', { name: 'Neu planen' }).click();
    await page.waitForSelector('text=Der Plan ist neu berechnet.');
    await page.getByRole('button', { name: '„E-Akte einführen“ verwerfen' }).click();
    await page.waitForSelector('text=Verworfene Maßnahmen');
    await check(page, 'a6-digicheck-plan-changed');

    // The report: a tagged PDF whose text holds the totals shown on the page; the measures as CSV.
    const total = (await page.locator('tr:has(th:text-is("Gesamt")) td').nth(2).textContent())?.trim() ?? '';
    assert.match(total, /€/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bericht als PDF' }).click()]);
    const file = path.join(dir, 'digicheck.pdf');
    await download.saveAs(file);
    const info = run('pdfinfo', file);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Ergebnis: Straßenverkehr/);
    const text = run('pdftotext', file, '-');
    assert.ok(text.replace(/\s+/g, ' ').includes(total.replace(/\s+/g, ' ')), `the PDF holds the total ${total}`);
    assert.match(text, /Unterschiedliche Sicht von Beschäftigten und Führungskräften/);
    assert.match(text, /Online-Antrag für eine Leistung: Taxigenehmigung/);
    const csv = await page.request.get(`${base}${new URL(page.url()).pathname.replace(/ergebnis$/, 'massnahmen.csv')}`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^Maßnahme,Kennung,Leistung,Begründung,Beginn,Ende,Status,/);
  });

  it('lets an administrator see the models and refuses a broken upload with the reason (axe)', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, t.database.db, 'ada@musterstadt.example');
    await page.goto(`${base}/backoffice/digicheck`);
    await page.getByRole('link', { name: 'Fragebogen und Maßnahmenkatalog' }).click();
    await check(page, 'a7-digicheck-model');
    await page.setInputFiles('#file-measures', { name: 'massnahmen.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x"}') });
    await page.locator('form:has(#file-measures)').getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await page.waitForSelector('text=Die Datei wurde nicht übernommen');
    await check(page, 'a8-digicheck-model-error');
  });
});
