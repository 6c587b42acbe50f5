// The eID journey in tests: the portal through app.inject (Browser), the development IdP over real
// HTTP with its own cookies, as a browser would go back and forth between the two.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { type DevIdp, startDevIdp } from '../../src/account/index.ts';
import { createTestApp, type TestApp } from './app.ts';
import type { Browser, Page } from './browser.ts';

export const DEV_CLIENT = { clientId: 'amtsweg-test', clientSecret: 'test-secret-for-the-dev-idp' };

export const STAFF_CLIENT = { clientId: 'amtsweg-staff-test', clientSecret: 'staff-secret-for-the-dev-idp' };

/** A development IdP for the portal's eID sign-in and, as a second client, the back office's staff sign-in. */
export async function startTestIdp(publicUrl = 'http://localhost:3000') {
  const idp = await startDevIdp({
    host: '127.0.0.1',
    port: 0,
    ...DEV_CLIENT,
    redirectUri: `${publicUrl}/konto/eid/rueckkehr`,
    cookieSecret: 'dev-idp-cookie-secret-for-tests',
    extraClients: [{ ...STAFF_CLIENT, redirectUri: `${publicUrl}/backoffice/anmelden/dienstkonto/rueckkehr` }],
  });
  const env = {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: DEV_CLIENT.clientId,
    OIDC_CLIENT_SECRET: DEV_CLIENT.clientSecret,
    STAFF_OIDC_ISSUER: idp.issuer,
    STAFF_OIDC_CLIENT_ID: STAFF_CLIENT.clientId,
    STAFF_OIDC_CLIENT_SECRET: STAFF_CLIENT.clientSecret,
    PUBLIC_URL: publicUrl,
  };
  return { idp, env };
}

/** A test app whose eID provider is a fresh development IdP, for the tests of the enclosing suite. */
export function appWithIdp(content: 'empty' | 'demo', prepare?: (t: TestApp) => Promise<void>): { t: TestApp; idp: DevIdp } {
  const fixture = {} as { t: TestApp; idp: DevIdp };
  before(async () => {
    const started = await startTestIdp();
    fixture.idp = started.idp;
    fixture.t = await createTestApp(content, undefined, started.env);
    await prepare?.(fixture.t);
  });
  after(async () => {
    await fixture.t?.close();
    await fixture.idp?.close();
  });
  return fixture;
}

class IdpBrowser {
  private cookies = new Map<string, string>();
  async fetch(url: string, body?: URLSearchParams): Promise<{ status: number; location?: string; html: string }> {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      body,
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: response.status, location: response.headers.get('location') ?? undefined, html: await response.text() };
  }
}

/**
 * Starts the eID sign-in at `start` on the portal, chooses the test person `sub` at the IdP (or cancels),
 * and returns the portal page the citizen lands on.
 */
export async function eidSignIn(b: Browser, start: string, sub: string | 'cancel', publicUrl = 'http://localhost:3000'): Promise<Page & { idpPage: string }> {
  const leaving = await b.get(start);
  const authorize = leaving.response.headers.location as string;
  assert.match(authorize, /^http:\/\/127\.0\.0\.1:\d+\//, `expected a redirect to the IdP, got ${leaving.status} ${authorize}`);
  const idp = new IdpBrowser();
  let res = await idp.fetch(authorize);
  const interaction = new URL(res.location as string, authorize).href;
  const page = await idp.fetch(interaction);
  res = await idp.fetch(sub === 'cancel' ? `${interaction}/abbrechen` : interaction, new URLSearchParams(sub === 'cancel' ? {} : { sub }));
  let location = new URL(res.location as string, authorize).href;
  while (!location.startsWith(publicUrl)) {
    res = await idp.fetch(location);
    assert.ok(res.location, `the IdP answered ${res.status}: ${res.html.slice(0, 300)}`);
    location = new URL(res.location, location).href;
  }
  const landed = await b.get(location.slice(publicUrl.length));
  return { ...landed, idpPage: page.html };
}
