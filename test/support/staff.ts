// Staff accounts for back-office tests: created through the service, signed in through the pages
// with a real TOTP code computed from the stored (encrypted) seed.
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { staffService } from '../../src/backoffice/index.ts';
import { totpCode, totpStep } from '../../src/platform/auth/totp.ts';
import type { Database, StaffRole } from '../../src/platform/db/schema.ts';
import { decryptSecret } from '../../src/platform/secrets.ts';
import type { Browser, Page } from './browser.ts';

export const STAFF_PASSWORD = 'Verwaltung digital 2026';
const SECRET = 'amtsweg-development-secret-not-for-production';

export const staffFor = (db: Kysely<Database>) =>
  staffService(db, { secret: SECRET, idleMinutes: 30, maxHours: 10, limits: { perAccount: 5, perAddress: 30, windowMinutes: 15 } });

export async function seedOf(db: Kysely<Database>, email: string): Promise<string> {
  const row = await db.selectFrom('staff_users').select('totp_secret').where('email', '=', email).executeTakeFirstOrThrow();
  return decryptSecret(SECRET, row.totp_secret as string);
}

/** A staff member of the given offices (by slug), created and signed in; returns the page after sign-in. */
export async function staffSignedIn(b: Browser, db: Kysely<Database>, email: string, roles: StaffRole[], officeSlugs: string[] = []): Promise<Page> {
  const offices = officeSlugs.length ? await db.selectFrom('organisations').select('id').where('slug', 'in', officeSlugs).execute() : [];
  await staffFor(db).createUser(
    { email, name: email.split('@')[0] as string, password: STAFF_PASSWORD, roles, organisationIds: offices.map((o) => o.id) },
    'cli',
  );
  let page = await b.get('/backoffice/anmelden');
  page = await b.post('/backoffice/anmelden', { email, password: STAFF_PASSWORD }, page.html);
  assert.equal(page.url, '/backoffice/anmelden/code');
  page = await b.post('/backoffice/anmelden/code', { code: totpCode(await seedOf(db, email), totpStep(new Date())) }, page.html);
  assert.equal(page.url, '/backoffice', page.html.slice(0, 300));
  return page;
}

/** Staff accounts with the test password and no offices, for browser tests that sign them in. */
export async function createStaff(db: Kysely<Database>, accounts: [email: string, name: string, role: StaffRole][]): Promise<void> {
  const staff = staffFor(db);
  for (const [email, name, role] of accounts) await staff.createUser({ email, name, password: STAFF_PASSWORD, roles: [role], organisationIds: [] }, 'cli');
}
