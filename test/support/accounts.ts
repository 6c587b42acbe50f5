// Citizen accounts for tests: registered and confirmed through the real pages, links read from the outbox.
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';
import type { Browser, Page } from './browser.ts';

export const PASSWORD = 'Rathaus am Marktplatz 7';

/** The newest mail to an address, as stored in the outbox. */
export async function lastMailTo(db: Kysely<Database>, to: string) {
  const mail = await db.selectFrom('mails').selectAll().where('recipient', '=', to).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  assert.ok(mail, `no mail to ${to}`);
  return mail;
}

/** The portal path of the first link in a mail body (http://localhost:3000/konto/… → /konto/…). */
export function linkIn(body: string): string {
  const match = /https?:\/\/[^/\s]+(\/\S+)/.exec(body);
  assert.ok(match?.[1], `no link in: ${body}`);
  return match[1];
}

/** Registers, follows the confirmation link, and signs in; returns the account page. */
export async function registerAndSignIn(b: Browser, db: Kysely<Database>, email: string, password = PASSWORD): Promise<Page> {
  let page = await b.get('/konto/registrieren');
  page = await b.post('/konto/registrieren', { email, password }, page.html);
  assert.equal(page.status, 200, page.html);
  const link = linkIn((await lastMailTo(db, email)).body);
  page = await b.get(link);
  page = await b.post(link, {}, page.html);
  assert.match(page.url, /^\/konto\/anmelden\?bestaetigt=1/);
  return signIn(b, email, password, page);
}

export async function signIn(b: Browser, email: string, password = PASSWORD, from?: Page): Promise<Page> {
  const form = from ?? (await b.get('/konto/anmelden'));
  const page = await b.post('/konto/anmelden?weiter=%2Fkonto', { email, password }, form.html);
  assert.equal(page.url, '/konto', page.html.slice(0, 3000));
  return page;
}
