// The editorial workflow in real Chromium, by two people: an editor creates a service (a bad form
// first), sends it to review; a team lead, by keyboard only, reads the version and approves it; the
// portal shows it; the editor's next change shows as a word diff. axe on every page type.
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
    ['rita@musterstadt.example', 'Rita Redaktion', 'redaktion'],
    ['tom@musterstadt.example', 'Tom Teamleitung', 'teamleitung'],
  ]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('editorial workflow in the browser', () => {
  it('editor creates and sends, a second person approves by keyboard, the portal shows it, the next change is a diff', async () => {
    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, base, t.database.db, 'rita@musterstadt.example');
    await editor.getByRole('link', { name: 'Redaktion', exact: true }).click();
    await editor.waitForURL(/\/backoffice\/redaktion$/);
    await check(editor, '93-editorial-list');
    await editor.getByRole('link', { name: 'Neue Leistung anlegen' }).click();
    await editor.fill('#fee', 'dreißig');
    await editor.fill('#description', 'Mehr unter [Info](javascript:alert(1))');
    await editor.getByRole('button', { name: 'Entwurf speichern' }).click();
    await editor.waitForSelector('text=Geben Sie „Bezeichnung“ an.');
    await check(editor, '94-editorial-form-errors');
    assert.equal(await editor.inputValue('#description'), 'Mehr unter [Info](javascript:alert(1))', 'the typed text is kept');

    await editor.fill('#title', 'Sondernutzung Gehweg');
    await editor.fill('#summary', 'Für Tische und Stühle vor Ihrem Café brauchen Sie eine Sondernutzungserlaubnis.');
    await editor.fill('#description', '## Ablauf\n- Antrag stellen\n- [Satzung lesen](https://example.org/satzung)');
    await editor.fill('#fee', '25');
    await editor.selectOption('#organisationId', { label: 'Straßenverkehrsbehörde' });
    await editor.locator('summary', { hasText: 'Bauen & Wohnen' }).click();
    await editor.locator('.edit-lebenslagen[open] input[type=checkbox]').first().check();
    await editor.fill('#keywords', 'Außengastronomie\nTerrasse');
    await editor.getByRole('button', { name: 'Entwurf speichern' }).click();
    await editor.waitForSelector('text=Der Entwurf ist gespeichert.');
    await check(editor, '95-editorial-draft');
    await editor.fill('#note', 'Gebühr nach Satzung geprüft');
    await editor.getByRole('button', { name: 'Zur Prüfung geben' }).click();
    await editor.waitForSelector('text=Sie haben an dieser Fassung mitgearbeitet.');

    const lead = await (await browser.newContext()).newPage();
    await signInByKeyboard(lead, base, t.database.db, 'tom@musterstadt.example');
    await tabTo(lead, () => document.activeElement?.textContent === 'Redaktion');
    await lead.keyboard.press('Enter');
    await lead.waitForURL(/\/backoffice\/redaktion$/);
    await tabTo(lead, () => document.activeElement?.textContent === 'Sondernutzung Gehweg', 200);
    await lead.keyboard.press('Enter');
    await lead.waitForSelector('text=Gebühr nach Satzung geprüft');
    await check(lead, '96-editorial-review');
    await tabTo(lead, () => document.activeElement?.id === 'comment', 120);
    await lead.keyboard.type('Freigegeben, danke.');
    await tabTo(lead, () => document.activeElement?.textContent === 'Freigeben und veröffentlichen');
    await lead.keyboard.press('Enter');
    await lead.waitForSelector('text=Die Fassung ist freigegeben und im Portal veröffentlicht.');
    await tabTo(lead, () => document.activeElement?.textContent === 'Fassung 1 ansehen', 120);
    await lead.keyboard.press('Enter');
    await lead.waitForSelector('text=Freigegeben, danke.');
    await check(lead, '97-editorial-version');

    await editor.goto(`${base}/leistungen/sondernutzung-gehweg`);
    await editor.waitForSelector('text=Satzung lesen');
    assert.equal(await editor.getByRole('link', { name: 'Satzung lesen' }).getAttribute('href'), 'https://example.org/satzung');

    await editor.goBack();
    await editor.reload();
    await editor.getByRole('link', { name: 'Bearbeiten', exact: true }).click();
    await check(editor, '98-editorial-form');
    await editor.fill('#summary', 'Für Tische und Stühle vor Ihrem Café oder Geschäft brauchen Sie eine Sondernutzungserlaubnis.');
    await editor.getByRole('button', { name: 'Entwurf speichern' }).click();
    await editor.waitForSelector('text=Änderungen gegenüber der veröffentlichten Fassung');
    assert.equal((await editor.locator('.diff ins').first().textContent())?.trim(), 'eingefügt: oder Geschäft');
    await check(editor, '99-editorial-diff');
  });
});
