// Benchmark (not a test): the back office with 1,000,000 applications in PostgreSQL.
//   Seeds 20 services handled by 10 Organisationseinheiten (two each), 50 case workers and
//   1,000,000 submitted applications (bulk INSERT … SELECT generate_series: two years of cases,
//   mostly closed, some open and overdue), then measures with CONNECTIONS parallel clients:
//   - the inbox page and the inbox API for 20 typical filter/search/sort combinations,
//   - the case page (a different case each request).
//   Each request is timed on the client (wrk where installed, else Node.js; LOAD_GENERATOR=node|wrk);
//   the target is p95 ≤ 50 ms.
//   npm run bench:backoffice     (ROWS=1000000 CONNECTIONS=20 DURATION=5 WARM_UP=10 by default)
//   KEEP_DB=1 keeps the seeded database; BENCH_DB=<its name> measures it again without seeding;
//   ONLY=<text> measures only the scenarios whose label contains it.
import type pg from 'pg';
import { staffService } from '../src/backoffice/index.ts';
import { totpCode, totpStep } from '../src/platform/auth/totp.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { decryptSecret } from '../src/platform/secrets.ts';
import { Citizen } from '../test/support/citizen.ts';
import { cpuMs, withBenchServer } from './server.ts';
import { wrkInstalled, wrkLoad } from './wrk.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const DURATION = Number(process.env.DURATION ?? 5);
// Long enough for the server's JIT: with 3 s the first scenario still cost 1.5 times the CPU per request.
const WARM_UP = Number(process.env.WARM_UP ?? 10);
const SECRET = 'amtsweg-benchmark-secret-0123456789abcdef';
const REUSE = process.env.BENCH_DB;
const ONLY = process.env.ONLY ?? '';
const GENERATOR = process.env.LOAD_GENERATOR ?? (wrkInstalled() ? 'wrk' : 'node');
const PASSWORD = 'Verwaltung digital 2026';

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas', 'Karla', 'Luca', 'Mia', 'Noah', 'Olga', 'Paul'];
// Common surnames first: a search for "Müller" finds many, one for "Quandt" few.
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter'];
const RARE = ['Quandt', 'Zwiebelmann', 'Olbricht', 'Yilmaz', 'Nguyen', 'Kowalski'];

async function seed(db: pg.Client): Promise<{ version: number }> {
  const form = await db.query<{ version: number }>(
    "SELECT max(version) AS version FROM form_versions WHERE form_id = 'bewohnerparkausweis' AND status = 'published'",
  );
  const version = form.rows[0]?.version as number;
  // 20 services, two per office, 5 case workers per office.
  await db.query(`
    CREATE TEMP TABLE bench_services AS
      SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM services ORDER BY slug LIMIT 20;
    CREATE TEMP TABLE bench_offices AS
      SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM organisations ORDER BY slug LIMIT 10;
    DELETE FROM service_organisations;
    INSERT INTO service_organisations (service_id, organisation_id)
      SELECT s.id, o.id FROM bench_services s JOIN bench_offices o ON o.n = s.n % 10;
    INSERT INTO staff_users (email, name, roles)
      SELECT 'sb' || g || '@bench.example', 'Sachbearbeitung ' || g, ARRAY['sachbearbeitung'] FROM generate_series(0, 49) g;
    INSERT INTO staff_memberships (user_id, organisation_id)
      SELECT u.id, o.id FROM staff_users u JOIN bench_offices o ON o.n = (substring(u.email from '^sb(\\d+)@')::int % 10) WHERE u.email LIKE 'sb%@bench.example';
  `);
  const offices = (await db.query('SELECT count(*)::int AS n FROM bench_offices')).rows[0].n;
  const services = (await db.query('SELECT count(*)::int AS n FROM bench_services')).rows[0].n;
  if (offices < 10 || services < 20) throw new Error(`demo data has ${services} services and ${offices} offices; need 20 and 10`);
  const names = (list: string[]) => `ARRAY[${list.map((n) => `'${n}'`).join(',')}]`;
  const batch = 100_000;
  for (let start = 0; start < ROWS; start += batch) {
    // Age in days spreads cases over two years; the newest 45 days are open, older ones mostly closed,
    // one in two hundred still open (overdue).
    await db.query(
      `
      WITH g AS (
        SELECT i, i % 730 AS age, i % 20 AS s,
               (${names(FIRST)})[1 + i % ${FIRST.length}] AS first,
               CASE WHEN i % 997 = 0 THEN (${names(RARE)})[1 + (i / 997) % ${RARE.length}] ELSE (${names(LAST)})[1 + (i / 7) % ${LAST.length}] END AS last
        FROM generate_series($1::int, $2::int) i
      ), c AS (
        SELECT g.*, now() - make_interval(days => age, secs => (i * 37) % 86400) AS submitted,
               CASE WHEN age < 45 THEN (ARRAY['eingegangen','in_pruefung','rueckfrage','entschieden'])[1 + (i / 20) % 4]
                    WHEN (i / 20) % 200 = 0 THEN 'in_pruefung'
                    ELSE (ARRAY['abgeschlossen','abgeschlossen','abgeschlossen','abgeschlossen','abgeschlossen','abgeschlossen','abgeschlossen','abgeschlossen','zurueckgezogen','weitergeleitet'])[1 + (i / 20) % 10] END AS st
        FROM g
      )
      INSERT INTO applications (form_id, form_version, status, answers, access_hash, reference, submitted_at, lang,
                                service_id, case_status, assignee_id, due_at, applicant_name)
      SELECT 'bewohnerparkausweis', $3, 'submitted',
             jsonb_build_object('vorname', first, 'nachname', last, 'geburtsdatum', '1980-01-01',
               'strasse', 'Hauptstraße ' || (1 + i % 200), 'plz', '48143', 'ort', 'Musterstadt',
               'kennzeichen', 'MS-' || chr(65 + i % 26) || chr(65 + (i / 26) % 26) || ' ' || (1 + i % 9999)),
             md5(i::text), 'MST-' || (2020 + i % 5) || '-' || lpad((i / 5)::text, 6, '0'), submitted, 'de',
             s.id, st,
             CASE WHEN st = 'eingegangen' THEN NULL
                  ELSE (SELECT u.id FROM staff_users u JOIN staff_memberships m ON m.user_id = u.id JOIN bench_offices o ON o.id = m.organisation_id
                        WHERE o.n = c.s % 10 AND u.email LIKE 'sb%@bench.example' ORDER BY u.email OFFSET ((c.i / 20) % 5) LIMIT 1) END,
             submitted + interval '14 days', first || ' ' || last
      FROM c JOIN bench_services s ON s.n = c.s`,
      [start, Math.min(start + batch, ROWS) - 1, version],
    );
    process.stdout.write(`\rseeded ${Math.min(start + batch, ROWS)} applications`);
  }
  process.stdout.write('\n');
  await db.query(`INSERT INTO application_events (application_id, status, created_at)
                  SELECT id, 'eingegangen', submitted_at FROM applications WHERE status = 'submitted'`);
  await db.query('VACUUM ANALYZE');
  // The seed's writes flushed now, not by a checkpoint while requests are measured.
  await db.query('CHECKPOINT');
  return { version };
}

/** Signs a case worker in through the pages: password, then a TOTP code from the stored seed. */
async function signIn(port: number, db: pg.Client, email: string): Promise<Citizen> {
  const c = new Citizen(port);
  let page = await c.request('GET', '/backoffice/anmelden');
  c.token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  page = await c.form('/backoffice/anmelden', { email, password: PASSWORD });
  page = await c.request('GET', '/backoffice/anmelden/code');
  c.token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const row = await db.query<{ totp_secret: string }>('SELECT totp_secret FROM staff_users WHERE email = $1', [email]);
  const seed = decryptSecret(SECRET, row.rows[0]?.totp_secret as string);
  page = await c.form('/backoffice/anmelden/code', { code: totpCode(seed, totpStep(new Date())) });
  if (page.status !== 303) {
    // A code is taken once: a run started within 30 s of the last one waits for the next code.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
    page = await c.form('/backoffice/anmelden/code', { code: totpCode(seed, totpStep(new Date())) });
  }
  if (page.status !== 303 || page.location !== '/backoffice') throw new Error(`sign-in failed: ${page.status} ${page.body.slice(0, 200)}`);
  return c;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

/** CONNECTIONS clients in Node.js send requests one after another for DURATION seconds; latency per request. */
async function nodeLoad(client: Citizen, paths: string[], seconds: number) {
  const times: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const response = await client.request('GET', paths[n++ % paths.length] as string);
        if (response.status !== 200) errors++;
        times.push(response.ms);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { requests: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), errors };
}

/**
 * CONNECTIONS connections send requests one after another for DURATION seconds, from wrk (default
 * where installed) or from Node.js (LOAD_GENERATOR=node). Every answer must be 200 (a lost session
 * would be a 303 to the sign-in page); anything else counts as an error.
 */
async function load(label: string, client: Citizen, paths: string[], server: number, seconds = DURATION) {
  const cpuBefore = cpuMs(server);
  const result =
    GENERATOR === 'wrk'
      ? await wrkLoad({ port: client.port, paths, headers: { cookie: client.cookieHeader() }, connections: CONNECTIONS, seconds })
      : await nodeLoad(client, paths, seconds);
  const cpuAfter = cpuMs(server);
  const perRequest = (ms: number) => Math.round((ms / Math.max(1, result.requests)) * 100) / 100;
  const cpu = { serverCpuMs: perRequest(cpuAfter.server - cpuBefore.server), postgresCpuMs: perRequest(cpuAfter.postgres - cpuBefore.postgres) };
  const row = { label, ...result, reqPerSec: Math.round(result.requests / seconds), ...cpu };
  console.log(JSON.stringify(row));
  return row;
}

async function main() {
  await withBenchServer(
    { name: 'backoffice', env: { SESSION_SECRET: SECRET }, reuse: REUSE, keep: Boolean(process.env.KEEP_DB) },
    async ({ port, pid, databaseUrl, db }) => {
      if (!REUSE) {
        const started = performance.now();
        await seed(db);
        console.log(JSON.stringify({ label: `seed ${ROWS} applications`, seconds: Math.round((performance.now() - started) / 100) / 10 }));
        const handle = await openDatabase({ url: databaseUrl });
        const office = await db.query<{ id: string }>(
          "SELECT organisation_id AS id FROM staff_memberships m JOIN staff_users u ON u.id = m.user_id WHERE u.email = 'sb0@bench.example'",
        );
        await staffService(handle.db, {
          secret: SECRET,
          idleMinutes: 60,
          maxHours: 10,
          limits: { perAccount: 5, perAddress: 30, windowMinutes: 15 },
        }).createUser(
          { email: 'bench@bench.example', name: 'Bench', password: PASSWORD, roles: ['sachbearbeitung'], organisationIds: office.rows.map((r) => r.id) },
          'cli',
        );
        await handle.close();
      }
      const office = await db.query<{ id: string }>(
        "SELECT organisation_id AS id FROM staff_memberships m JOIN staff_users u ON u.id = m.user_id WHERE u.email = 'bench@bench.example'",
      );
      const worker = await signIn(port, db, 'bench@bench.example');
      const visible = await db.query<{ id: string; reference: string; service_id: string }>(
        `SELECT a.id, a.reference, a.service_id FROM applications a JOIN service_organisations so ON so.service_id = a.service_id
        WHERE so.organisation_id = $1 ORDER BY a.submitted_at DESC LIMIT 1000`,
        [office.rows[0]?.id],
      );
      const total = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM applications a JOIN service_organisations so ON so.service_id = a.service_id WHERE so.organisation_id = $1',
        [office.rows[0]?.id],
      );
      const colleague = await db.query<{ id: string }>("SELECT id FROM staff_users WHERE email = 'sb10@bench.example'");
      const service = visible.rows[0]?.service_id as string;
      const sample = visible.rows[500] as { reference: string };
      // The cursor of page 20 of the newest cases (keyset: as fast as page 1).
      const deep = await db.query<{ submitted_at: string; id: string }>(
        `SELECT a.submitted_at::text AS submitted_at, a.id FROM applications a JOIN service_organisations so ON so.service_id = a.service_id
        WHERE so.organisation_id = $1 ORDER BY a.submitted_at DESC, a.id DESC OFFSET 999 LIMIT 1`,
        [office.rows[0]?.id],
      );
      const cursor = `${deep.rows[0]?.submitted_at}~${deep.rows[0]?.id}`;
      const combos: [string, string][] = [
        ['newest first', ''],
        ['oldest first', 'sort=oldest'],
        ['by deadline', 'sort=due'],
        ['status eingegangen', 'status=eingegangen'],
        ['status in_pruefung', 'status=in_pruefung'],
        ['status rueckfrage', 'status=rueckfrage'],
        ['status abgeschlossen', 'status=abgeschlossen'],
        ['one service', `service=${service}`],
        ['one service, in_pruefung, by deadline', `service=${service}&status=in_pruefung&sort=due`],
        ['assigned to me', 'assignee=me'],
        ['unassigned', 'assignee=none'],
        ['assigned to a colleague', `assignee=${colleague.rows[0]?.id}`],
        ['overdue', 'overdue=1'],
        ['overdue by deadline', 'overdue=1&sort=due'],
        ['received in January', 'from=01.01.2026&to=31.01.2026'],
        ['search common name', 'q=M%C3%BCller'],
        ['search rare name', 'q=Quandt'],
        ['search reference', `q=${sample.reference}`],
        ['search licence plate', 'q=MS-AB'],
        ['page 21 (keyset)', `nach=${encodeURIComponent(cursor)}`],
      ];
      console.log(`${CONNECTIONS} connections from ${GENERATOR}; ${DURATION} s each; case worker sees ${total.rows[0]?.n} of ${ROWS} cases`);
      const rows = [];
      const scenarios: [string, string[]][] = [
        ...combos.map(([label, query]): [string, string[]] => [`inbox page: ${label}`, [`/backoffice?${query}`]]),
        ...combos.map(([label, query]): [string, string[]] => [`inbox API: ${label}`, [`/backoffice/api/vorgaenge?${query}`]]),
        ['case page (1,000 different cases)', visible.rows.map((r) => `/backoffice/vorgaenge/${r.id}`)],
      ];
      // Warm-up (discarded): the server's JIT and PostgreSQL's caches, as after a few minutes of use.
      await load(
        'warm-up (discarded)',
        worker,
        scenarios.flatMap(([, paths]) => paths.slice(0, 1)),
        pid,
        WARM_UP,
      );
      for (const [label, paths] of scenarios.filter(([label]) => label.includes(ONLY))) rows.push(await load(label, worker, paths, pid));
      if (rows.length === 0) return;
      const worst = rows.reduce((a, b) => (b.p95 > a.p95 ? b : a));
      console.log(JSON.stringify({ label: 'worst p95', of: worst.label, p95: worst.p95, target: 50, met: rows.every((r) => r.p95 <= 50 && r.errors === 0) }));
    },
  );
}

await main();
