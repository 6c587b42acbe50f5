// The open-data API: JSON and CSV, pagination, caching, CORS, problem+json, OpenAPI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../../src/platform/csv.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/services', () => {
  it('searches like the portal: the same top result as the search page', async () => {
    for (const [q, slug] of [
      ['Gewerbe anmelden', 'gewerbeanmeldung'],
      ['Hundsteuer', 'hundesteuer'],
      ['Umzug', 'wohnsitz-anmelden'],
    ]) {
      const res = await get(`/api/v1/services?q=${encodeURIComponent(q as string)}&limit=3`);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /application\/json/);
      assert.equal(res.json().items[0].slug, slug);
    }
  });

  it('pages with limit and an opaque cursor until nextCursor is null', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/v1/services?limit=15${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      assert.equal(body.total, 42);
      for (const item of body.items) seen.add(item.id);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.size, 42);
  });

  it('filters by themenfeld (slug or id), lebenslage, ozgId and leikaKey', async () => {
    const byOzg = (await get('/api/v1/services?ozgId=10294')).json();
    assert.ok(byOzg.items.length >= 3);
    assert.ok(byOzg.items.every((i: { ozgId: number }) => i.ozgId === 10294));
    const byKey = (await get('/api/v1/services?leikaKey=99102013000000')).json();
    assert.deepEqual(
      byKey.items.map((i: { slug: string }) => i.slug),
      ['hundesteuer'],
    );
    const bySlug = (await get('/api/v1/services?themenfeld=bauen_wohnen&limit=100')).json();
    const byId = (await get('/api/v1/services?themenfeld=2&limit=100')).json();
    assert.equal(bySlug.total, byId.total);
    assert.ok(bySlug.total > 0);
  });

  it('answers CSV for Accept: text/csv and for the .csv suffix', async () => {
    const viaAccept = await get('/api/v1/services?q=Hundesteuer', { accept: 'text/csv' });
    assert.match(viaAccept.headers['content-type'] as string, /text\/csv/);
    const csv = parseCsv(viaAccept.body);
    assert.equal(csv.header[0], 'id');
    assert.equal(csv.records[0]?.values.slug, 'hundesteuer');
    const viaSuffix = await get('/api/v1/services.csv?q=Hundesteuer');
    assert.equal(viaSuffix.body, viaAccept.body);
    const themen = parseCsv((await get('/api/v1/ozg/themenfelder.csv')).body);
    assert.equal(themen.records.length, 14);
  });

  it('sends an ETag and answers 304 to If-None-Match', async () => {
    const first = await get('/api/v1/ozg/themenfelder');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(first.headers['cache-control'] as string, /max-age=300/);
    const second = await get('/api/v1/ozg/themenfelder', { 'if-none-match': etag });
    assert.equal(second.statusCode, 304);
    assert.equal(second.body, '');
  });

  it('allows cross-origin reads', async () => {
    const res = await get('/api/v1/services', { origin: 'https://example.org' });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/services',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.match(preflight.headers['access-control-allow-methods'] as string, /GET/);
  });

  it('rejects invalid parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['ozgId=12', 'ozgId'],
      ['leikaKey=123', 'leikaKey'],
      ['cursor=nonsense', 'cursor'],
      ['themenfeld=unbekannt', 'themenfeld'],
      ['q=%21%21%21', 'q'],
      ['limt=5', 'limt'],
    ]) {
      const res = await get(`/api/v1/services?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
      const body = res.json();
      assert.equal(body.status, 400);
      assert.ok(
        body.errors.some((e: { parameter: string }) => e.parameter === parameter),
        `${query}: ${JSON.stringify(body)}`,
      );
    }
  });
});

describe('other catalogue endpoints', () => {
  it('GET /api/v1/services/{id} by UUID and slug, 404 as problem+json', async () => {
    const bySlug = await get('/api/v1/services/gewerbeanmeldung');
    assert.equal(bySlug.statusCode, 200);
    const service = bySlug.json();
    assert.equal(service.feeCents, 2600);
    assert.equal(service.organisation.name, 'Ordnungsamt – Gewerbe und Sicherheit');
    assert.equal(service.ozgLeistung.ozgId, 10294);
    const byId = await get(`/api/v1/services/${service.id}`);
    assert.deepEqual(byId.json(), service);
    const missing = await get('/api/v1/services/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] as string, /problem\+json/);
  });

  it('OZG taxonomy and LeiKa', async () => {
    assert.equal((await get('/api/v1/ozg/themenfelder')).json().items.length, 14);
    assert.equal((await get('/api/v1/ozg/lebenslagen')).json().items.length, 55);
    const leistungen = (await get('/api/v1/ozg/leistungen?limit=100')).json();
    assert.equal(leistungen.total, 557);
    assert.equal(leistungen.items[0].ozgId, 10000);
    const filtered = (await get('/api/v1/ozg/leistungen?themenfeld=familie_kind&limit=100')).json();
    assert.ok(filtered.items.every((i: { themenfeld: string }) => i.themenfeld === 'Familie & Kind'));
    const leika = await get('/api/v1/leika/99050012104000');
    assert.equal(leika.json().name, 'Gewerbe Anmeldung');
    assert.equal(leika.json().ozgId, 10294);
    assert.equal((await get('/api/v1/leika/99999999999999')).statusCode, 404);
    assert.equal((await get('/api/v1/leika/abc')).statusCode, 400);
  });

  it('suggestions for search-as-you-type', async () => {
    const res = (await get('/api/v1/suggest?q=Gewerbeanm')).json();
    assert.equal(res.items[0].url, '/leistungen/gewerbeanmeldung');
  });

  it('publishes OpenAPI 3.1 generated from the routes, and readable docs', async () => {
    const spec = (await get('/api/openapi.json')).json();
    assert.equal(spec.openapi, '3.1.0');
    for (const path of [
      '/api/v1/services',
      '/api/v1/services/{id}',
      '/api/v1/ozg/leistungen',
      '/api/v1/ozg/themenfelder',
      '/api/v1/ozg/lebenslagen',
      '/api/v1/leika/{key}',
    ]) {
      assert.ok(spec.paths[path]?.get, path);
    }
    const params = spec.paths['/api/v1/services'].get.parameters.map((p: { name: string }) => p.name);
    assert.deepEqual(params.sort(), ['cursor', 'lebenslage', 'leikaKey', 'limit', 'ozgId', 'q', 'themenfeld']);
    const docs = await get('/api/docs');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /GET \/api\/v1\/services/);
  });

  it('unknown API paths answer problem+json 404', async () => {
    const res = await get('/api/v1/nothing');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().status, 404);
  });
});
