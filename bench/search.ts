// Benchmark (not a test): search API and HTML search page on PostgreSQL and on PGlite, next to a
// bare Fastify route in the same run. Loopback only; bounded duration; stops what it starts.
//   npm run bench:search            (DURATION=20 CONNECTIONS=50 by default)
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { openAndPrepare } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';

const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const PG_BASE = process.env.PG_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';

// 50 realistic queries: official names, colloquial words, typos, umlaut spellings, two-word phrases.
const QUERIES = [
  'Gewerbe anmelden',
  'Gewerbeanmeldung',
  'Gewerbeanmledung',
  'Hundesteuer',
  'Hundsteuer',
  'Umzug',
  'ummelden',
  'Wohnsitz anmelden',
  'Personalausweis',
  'Ausweis',
  'Reisepass',
  'Pass beantragen',
  'Führungszeugnis',
  'Fuehrungszeugnis',
  'Geburtsurkunde',
  'Sterbeurkunde',
  'heiraten',
  'Eheschließung',
  'Baugenehmigung',
  'Bauantrag',
  'bauen',
  'Abriss',
  'Baum fällen',
  'Sperrmüll',
  'Sperrmuell',
  'Mülltonne',
  'Bewohnerparkausweis',
  'Anwohnerparken',
  'parken',
  'Kita',
  'Kindergarten',
  'Wohngeld',
  'Miete Zuschuss',
  'Grundsicherung',
  'Rente',
  'Einbürgerung',
  'Staatsangehörigkeit',
  'Fischereischein',
  'angeln',
  'Bibliothek',
  'Ehrenamt',
  'Grundsteuer',
  'Zweitwohnung',
  'Gaststätte',
  'Taxi',
  'Wochenmarkt',
  'Fundbüro',
  'Meldebescheinigung',
  'Kirchenaustritt',
  'Gesundheitszeugnis',
];

async function measure(label: string, base: string, paths: string[]) {
  let i = 0;
  // Warm-up (JIT, connection pool, prepared statements, cache fill) is not part of the figure.
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: 3,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] as string }) }],
  });
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] as string }) }],
  });
  return { label, rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function bareBaseline() {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const r = await measure('bare Fastify', `http://127.0.0.1:${port}`, ['/']);
  await app.close();
  return r;
}

async function runOn(kind: 'postgres' | 'pglite') {
  let dbName = '';
  const env: Record<string, string> = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: `.bench-data/${Date.now()}` };
  if (kind === 'postgres') {
    dbName = `amtsweg_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    env.DATABASE_URL = `${PG_BASE}/${dbName}`;
  }
  const database = await openAndPrepare(loadConfig(env), () => {});
  const results = [];
  // The same database with the search cache on (default TTL) and off (every request hits SQL).
  for (const ttl of ['60', '0']) {
    const config = loadConfig({ ...env, SEARCH_CACHE_TTL: ttl });
    const app = await buildApp({ config, db: database.db, pool: database.pool });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const variant = ttl === '0' ? 'no cache' : 'cache';
    results.push(
      await measure(
        `${kind} API ${variant}`,
        base,
        QUERIES.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}&limit=10`),
      ),
    );
    results.push(
      await measure(
        `${kind} page ${variant}`,
        base,
        QUERIES.map((q) => `/suche?q=${encodeURIComponent(q)}`),
      ),
    );
    await app.close();
  }
  await database.close();
  if (dbName) {
    const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  return results;
}

const baseline = await bareBaseline();
const results = [baseline, ...(await runOn('postgres')), ...(await runOn('pglite'))];
for (const r of results) {
  console.log(
    `${r.label.padEnd(26)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}  (${((r.rps / baseline.rps) * 100).toFixed(1)}% of bare Fastify)`,
  );
}
