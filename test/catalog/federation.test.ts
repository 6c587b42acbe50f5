// Portalverbund: two Amtsweg instances on loopback exchange their catalogues. Instance A publishes its catalogue as a feed;
// instance B imports it, and A's services appear in B's search marked with their source. A change
// and a withdrawal at A reach B with the next (incremental) sync; B never re-publishes A's services.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { syncSource } from '../../src/catalog/index.ts';
import { upsertService } from '../../src/catalog/store.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { serve } from '../support/chromium.ts';

describe('catalogue federation between two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let feedUrl: string;
  before(async () => {
    a = await createTestApp('demo', undefined, { MUNICIPALITY_NAME: 'Stadt Nachbarstadt' });
    b = await createTestApp('catalog');
    feedUrl = `${await serve(a.app)}/api/v1/federation/services`;
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  it('publishes the own catalogue as a paged feed in the XZuFi structure', async () => {
    const first = (await a.app.inject({ url: '/api/v1/federation/services?limit=10' })).json();
    assert.equal(first.format, 'amtsweg-federation/1');
    assert.equal(first.quelle.name, 'Stadt Nachbarstadt');
    assert.equal(first.items.length, 10);
    assert.ok(first.nextCursor);
    const parking = (await a.app.inject({ url: '/api/v1/federation/services?limit=500' }))
      .json()
      .items.find((i: { kurzname: string }) => i.kurzname === 'bewohnerparkausweis');
    assert.equal(parking.leistungsschluessel, '99108001001000');
    assert.equal(parking.textmodule.kosten.betrag, 30);
    assert.equal(parking.zustaendigkeit.organisationseinheit.anschrift.ort, 'Musterstadt');
  });

  it('imports another portal’s services into search, marked with their source', async () => {
    const counts = await syncSource(b.database.db, feedUrl, 'Stadt Nachbarstadt');
    const published = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM services WHERE status = 'published'`.execute(a.database.db)).rows[0]?.n);
    assert.deepEqual(counts, { imported: published, withdrawn: 0, skipped: 0 });
    const search = await b.app.inject({ url: '/suche?q=Bewohnerparkausweis' });
    assert.match(search.body, /href="\/leistungen\/stadt-nachbarstadt-bewohnerparkausweis"/);
    assert.match(search.body, /Leistung von Stadt Nachbarstadt \(Portalverbund\)/);
    const api = await b.app.inject({ url: '/api/v1/services?q=Bewohnerparkausweis' });
    assert.ok(
      api
        .json()
        .items.some((i: { slug: string; source: string | null }) => i.slug === 'stadt-nachbarstadt-bewohnerparkausweis' && i.source === 'Stadt Nachbarstadt'),
    );
    const apiDetail = await b.app.inject({ url: '/api/v1/services/stadt-nachbarstadt-bewohnerparkausweis' });
    assert.equal(apiDetail.json().source, 'Stadt Nachbarstadt');
    const detail = await b.app.inject({ url: '/leistungen/stadt-nachbarstadt-bewohnerparkausweis' });
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Diese Leistung bietet Stadt Nachbarstadt an/);
    // B's own feed does not pass A's services on.
    const bFeed = (await b.app.inject({ url: '/api/v1/federation/services?limit=500' })).json();
    assert.equal(bFeed.items.length, 0);
    // Syncing again changes nothing.
    await syncSource(b.database.db, feedUrl, 'Stadt Nachbarstadt');
    const copies = await b.database.db
      .selectFrom('services')
      .select(sql<string>`count(*)`.as('n'))
      .where('federation_source', '=', feedUrl)
      .executeTakeFirstOrThrow();
    assert.equal(Number(copies.n), published);
  });

  it('brings changes and withdrawals over with the next sync', async () => {
    const changedFrom = new Date();
    await a.database.db
      .updateTable('services')
      .set({ title: 'Bewohnerparkausweis (neu)', updated_at: sql`now()` })
      .where('slug', '=', 'bewohnerparkausweis')
      .execute();
    await a.database.db.updateTable('services').set({ status: 'draft', updated_at: sql`now()` }).where('slug', '=', 'hundesteuer').execute();
    // The feed's changes since a time: exactly the two, the withdrawn one without its content.
    const changes = (await a.app.inject({ url: `/api/v1/federation/services?since=${changedFrom.toISOString()}` })).json();
    assert.deepEqual(
      changes.items.map((i: { kurzname: string; status: string; bezeichnung?: string }) => [i.kurzname, i.status, i.bezeichnung]),
      [
        ['bewohnerparkausweis', 'veroeffentlicht', 'Bewohnerparkausweis (neu)'],
        ['hundesteuer', 'zurueckgezogen', undefined],
      ],
    );
    // The sync asks for changes since its last run (with a few minutes' overlap, re-applied harmlessly).
    const counts = await syncSource(b.database.db, feedUrl, 'Stadt Nachbarstadt');
    assert.equal(counts.withdrawn, 1);
    const copies = await b.database.db
      .selectFrom('services')
      .select(['slug', 'title', 'status'])
      .where('slug', 'in', ['stadt-nachbarstadt-bewohnerparkausweis', 'stadt-nachbarstadt-hundesteuer'])
      .orderBy('slug')
      .execute();
    assert.deepEqual(copies, [
      { slug: 'stadt-nachbarstadt-bewohnerparkausweis', title: 'Bewohnerparkausweis (neu)', status: 'published' },
      { slug: 'stadt-nachbarstadt-hundesteuer', title: 'Hundesteuer – Hund anmelden', status: 'draft' },
    ]);
    assert.equal((await b.app.inject({ url: '/leistungen/stadt-nachbarstadt-hundesteuer' })).statusCode, 404);
  });

  it('exchanges the other way round too: B’s own service appears at A', async () => {
    await upsertService(
      b.database.db,
      {
        slug: 'fischereischein-b',
        title: 'Fischereischein Nordkreis',
        titleEn: '',
        summary: 'Den Fischereischein erteilt der Nordkreis.',
        description: '',
        prerequisites: [],
        requiredDocuments: [],
        feeCents: 1200,
        feeText: '',
        processingTime: '',
        deadlines: '',
        legalBasis: '',
        organisationSlug: '',
        onlineServiceUrl: null,
        leikaKey: null,
        ozgId: null,
        lebenslageIds: [],
        keywords: [],
        status: 'published',
        lastReviewed: null,
      },
      null,
    );
    const bFeed = `${await serve(b.app)}/api/v1/federation/services`;
    assert.deepEqual(await syncSource(a.database.db, bFeed, 'Nordkreis'), { imported: 1, withdrawn: 0, skipped: 0 });
    const search = await a.app.inject({ url: '/suche?q=Fischereischein%20Nordkreis' });
    assert.match(search.body, /Leistung von Nordkreis \(Portalverbund\)/);
  });

  it('keeps the error of a source that cannot be read', async () => {
    await assert.rejects(syncSource(b.database.db, 'http://127.0.0.1:9/api/v1/federation/services', 'Nirgendwo'));
    const source = await b.database.db
      .selectFrom('federation_sources')
      .select(['last_error', 'synced_until'])
      .where('name', '=', 'Nirgendwo')
      .executeTakeFirstOrThrow();
    assert.ok(source.last_error);
    assert.equal(source.synced_until, null);
  });
});
