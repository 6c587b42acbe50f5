// Benchmark (not a test): citizen accounts on PostgreSQL, server as its own process on 127.0.0.1.
//   0. scrypt: time per password hash in this process (the cost every sign-in and registration pays)
//   1. GET /konto/anmelden, anonymous (baseline: a form page without session)
//   2. GET /konto as a signed-in citizen (session lookup, unread count, application count)
//   3. POST /konto/anmelden with the right password (scrypt + new session), CONNECTIONS connections
//   npm run bench:accounts     (DURATION=20 CONNECTIONS=50 by default)
import autocannon from 'autocannon';
import type pg from 'pg';
import { hashPassword } from '../src/account/passwords.ts';
import { Citizen } from '../test/support/citizen.ts';
import { withBenchServer } from './server.ts';

const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const PASSWORD = 'Rathaus am Marktplatz 7';

async function scryptMs(): Promise<number> {
  await hashPassword(PASSWORD);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await hashPassword(PASSWORD);
    times.push(performance.now() - started);
  }
  return Math.round((times.sort((a, b) => a - b)[10] as number) * 10) / 10;
}

/** Registers and confirms an account through the pages and the outbox; returns a signed-in citizen. */
async function signedIn(port: number, db: pg.Client, email: string): Promise<Citizen> {
  const c = new Citizen(port);
  const page = await c.request('GET', '/konto/registrieren');
  c.token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  await c.form('/konto/registrieren', { email, password: PASSWORD });
  const mail = await db.query<{ body: string }>('SELECT body FROM mails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1', [email]);
  const link = /https?:\/\/[^/\s]+(\/konto\/bestaetigen\S+)/.exec(mail.rows[0]?.body ?? '')?.[1];
  if (!link) throw new Error('no confirmation link');
  await c.form(link, {});
  const signIn = await c.form('/konto/anmelden', { email, password: PASSWORD });
  if (signIn.status !== 303 || signIn.location !== '/konto') throw new Error(`sign-in: ${signIn.status} ${signIn.body.slice(0, 200)}`);
  return c;
}

async function cannon(label: string, port: number, request: autocannon.Request, expected: number, baseline?: number) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests: [request] });
  const stats = result.statusCodeStats as Record<string, { count: number }>;
  const all = Object.values(stats).reduce((s, c) => s + c.count, 0);
  const row = {
    label,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (all - (stats[String(expected)]?.count ?? 0)),
    ...(baseline ? { vsBaseline: Math.round((result.requests.average / baseline) * 100) / 100 } : {}),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main() {
  console.log(JSON.stringify({ label: 'scrypt hash (N=2^15, r=8, p=1), median of 20', ms: await scryptMs() }));
  // High limits: the benchmark signs in thousands of times from one address on purpose.
  await withBenchServer({ name: 'accounts', env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' } }, async ({ port, db }) => {
    console.log(`${CONNECTIONS} connections`);
    const citizen = await signedIn(port, db, 'bench@example.org');
    const anonymous = await cannon('GET /konto/anmelden (anonymous)', port, { method: 'GET', path: '/konto/anmelden' }, 200);
    await cannon('GET /konto (signed in)', port, { method: 'GET', path: '/konto', headers: { cookie: citizen.cookieHeader() } }, 200, anonymous.reqPerSec);
    await cannon(
      'POST /konto/anmelden (right password)',
      port,
      {
        method: 'POST',
        path: '/konto/anmelden',
        headers: { cookie: citizen.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'bench@example.org', password: PASSWORD, _csrf: citizen.token }).toString(),
      },
      303,
    );
  });
}

await main();
