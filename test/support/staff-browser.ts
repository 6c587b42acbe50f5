// Staff sign-in in real Chromium (password, then the TOTP code), by mouse or by keyboard only.
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { totpCode, totpStep } from '../../src/platform/auth/totp.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { check, tabTo } from './chromium.ts';
import { STAFF_PASSWORD, seedOf } from './staff.ts';

export async function signIn(page: Page, base: string, db: Kysely<Database>, email: string, shots?: string): Promise<void> {
  await page.goto(`${base}/backoffice/anmelden`);
  if (shots) await check(page, `${shots}-sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/anmelden\/code/);
  if (shots) await check(page, `${shots}-enrol`);
  await page.fill('#code', totpCode(await seedOf(db, email), totpStep(new Date())));
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await page.waitForURL(`${base}/backoffice`);
}

/**
 * Password and code typed, fields reached with Tab only. The code is of the next time step, so that
 * a user who signed in with the current one earlier in the file is not refused a replay.
 */
export async function signInByKeyboard(page: Page, base: string, db: Kysely<Database>, email: string): Promise<void> {
  await page.goto(`${base}/backoffice/anmelden`);
  await tabTo(page, () => document.activeElement?.id === 'email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/anmelden\/code/);
  await tabTo(page, () => document.activeElement?.id === 'code');
  await page.keyboard.type(totpCode(await seedOf(db, email), totpStep(new Date()) + 1));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/backoffice`);
}
