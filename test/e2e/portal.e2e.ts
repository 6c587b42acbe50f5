// Browser journeys in real Chromium: axe (WCAG 2.0/2.1/2.2 A+AA) on every page type, and the
// main journey by keyboard only, with JavaScript on and off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { axe, launchChromium, serve, tabTo } from '../support/chromium.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  t = await createTestApp('demo');
  base = await serve(t.app);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const pageTypes = [
  ['start page', '/'],
  ['search results', '/suche?q=Gewerbe+anmelden'],
  ['search without results', '/suche?q=xqzvw'],
  ['federal catalogue search', '/suche?q=F%C3%BChrerschein&bereich=leika'],
  ['service detail', '/leistungen/gewerbeanmeldung'],
  ['service detail without online access', '/leistungen/personalausweis'],
  ['services A–Z', '/leistungen'],
  ['Themen', '/themen'],
  ['one Thema', '/themen/bauen_wohnen'],
  ['Lebenslagen', '/lebenslagen'],
  ['one Lebenslage', '/lebenslagen/55'],
  ['not found', '/gibt-es-nicht'],
  ['bad request', '/suche?q=x&seite=abc'],
  ['API docs', '/api/docs'],
  ['English service detail', '/leistungen/hundesteuer?lang=en'],
  ['English search', '/suche?q=Umzug&lang=en'],
] as const;

describe('accessibility of every page type (axe, Chromium)', () => {
  for (const [name, path] of pageTypes) {
    it(name, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await axe(page);
      assert.equal(await page.locator('h1').count(), 1);
      await context.close();
    });
  }
});

describe('keyboard-only journey', () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`finds and opens "Hundesteuer" from a typo (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Zum Inhalt springen');
      await page.keyboard.press('Enter');
      // The fragment navigation is reported a moment after the key press; wait for it rather than race it.
      await page.waitForURL(/#main$/);
      await tabTo(page, () => document.activeElement?.id === 'q');
      await page.keyboard.type('Hundsteuer');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/suche\?q=Hundsteuer/);
      assert.match((await page.locator('h1').textContent()) ?? '', /Hundsteuer/);
      await tabTo(page, () => document.activeElement?.getAttribute('href') === '/leistungen/hundesteuer');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/leistungen\/hundesteuer$/);
      assert.equal(await page.locator('h1').textContent(), 'Hundesteuer – Hund anmelden');
      await tabTo(page, () => document.activeElement?.getAttribute('lang') === 'en');
      await page.keyboard.press('Enter');
      await page.waitForURL(/lang=en/);
      assert.equal(await page.locator('h1').textContent(), 'Dog tax – registering a dog');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await context.close();
    });
  }

  it('suggests services while typing when JavaScript is on', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.locator('#q').focus();
    await page.keyboard.type('Gewerbeanm');
    const suggestion = page.locator('.suggestions a', { hasText: 'Gewerbeanmeldung' });
    await suggestion.waitFor();
    await axe(page);
    await context.close();
  });
});
