// What citizens see: the right service among the top results for the ways people actually search.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchLeika, searchServices } from '../../src/catalog/read-store.ts';
import { buildSearchQuery } from '../../src/catalog/search-query.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src/catalog/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('demo');
});
after(async () => database.drop());

async function top(q: string, n = 3): Promise<string[]> {
  const page = await searchServices(database.db, buildSearchQuery(q), {}, n, 0);
  return page.items.map((i) => i.slug);
}

const journeys: [string, string, number][] = [
  // [what the citizen types, the service they need, must be within the top N]
  ['Gewerbe anmelden', 'gewerbeanmeldung', 1],
  ['Gewerbeanmeldung', 'gewerbeanmeldung', 1],
  ['Gewerbeanmledung', 'gewerbeanmeldung', 1],
  ['Hundsteuer', 'hundesteuer', 1],
  ['Hundesteuer', 'hundesteuer', 1],
  ['Umzug', 'wohnsitz-anmelden', 1],
  ['umziehen Wohnung anmelden', 'wohnsitz-anmelden', 3],
  ['Ausweis', 'personalausweis', 3],
  ['Personalausweis beantragen', 'personalausweis', 1],
  ['Fuehrungszeugnis', 'fuehrungszeugnis', 1],
  ['Führungszeugnis', 'fuehrungszeugnis', 1],
  ['heiraten', 'eheschliessung', 1],
  ['Bauantrag', 'baugenehmigung', 1],
  ['Sperrmüll', 'sperrmuell', 1],
  ['Sperrmuell', 'sperrmuell', 1],
  ['Anwohnerparken', 'bewohnerparkausweis', 1],
  ['Kita', 'kitaplatz', 1],
];

describe('service search ranking', () => {
  for (const [query, slug, within] of journeys) {
    it(`"${query}" finds ${slug} in the top ${within}`, async () => {
      const results = await top(query, within);
      assert.ok(results.includes(slug), `top ${within} for "${query}" were ${JSON.stringify(results)}`);
    });
  }

  it('highlights the matched words in the snippet', async () => {
    const page = await searchServices(database.db, buildSearchQuery('Gewerbe anmelden'), {}, 1, 0);
    assert.ok(page.items[0]?.snippet.includes(`${HIGHLIGHT_START}Gewerbe${HIGHLIGHT_END}`));
  });

  it('finds nothing for nonsense and says so with total 0', async () => {
    const page = await searchServices(database.db, buildSearchQuery('xqzvw'), {}, 10, 0);
    assert.equal(page.total, 0);
    assert.deepEqual(page.items, []);
  });

  it('filters by Themenfeld and Lebenslage', async () => {
    const themenfeld = await database.db.selectFrom('themenfelder').select('id').where('slug', '=', 'bauen_wohnen').executeTakeFirstOrThrow();
    const all = await searchServices(database.db, undefined, { themenfeldId: themenfeld.id }, 100, 0);
    assert.ok(all.items.some((s) => s.slug === 'baugenehmigung'));
    assert.ok(!all.items.some((s) => s.slug === 'gewerbeanmeldung'));
    const lebenslage = await database.db
      .selectFrom('service_lebenslagen as sl')
      .innerJoin('services as s', 's.id', 'sl.service_id')
      .select('sl.lebenslage_id')
      .where('s.slug', '=', 'kitaplatz')
      .executeTakeFirstOrThrow();
    const inLebenslage = await searchServices(database.db, undefined, { lebenslageId: lebenslage.lebenslage_id }, 100, 0);
    assert.ok(inLebenslage.items.some((s) => s.slug === 'kitaplatz'));
  });

  it('pages through results with a stable total', async () => {
    const first = await searchServices(database.db, undefined, {}, 10, 0);
    const last = await searchServices(database.db, undefined, {}, 10, 40);
    const beyond = await searchServices(database.db, undefined, {}, 10, 500);
    assert.equal(first.total, 42);
    assert.equal(last.items.length, 2);
    assert.equal(beyond.total, 42);
    assert.equal(beyond.items.length, 0);
  });

  it('does not show drafts', async () => {
    await database.db.updateTable('services').set({ status: 'draft' }).where('slug', '=', 'hundesteuer').execute();
    assert.ok(!(await top('Hundesteuer', 10)).includes('hundesteuer'));
    await database.db.updateTable('services').set({ status: 'published' }).where('slug', '=', 'hundesteuer').execute();
  });
});

describe('federal catalogue search (LeiKa)', () => {
  it('finds LeiKa Leistungen with umlaut variants and typos', async () => {
    for (const q of ['Fuehrerschein', 'Führerschein', 'Fuhrerschein']) {
      const page = await searchLeika(database.db, buildSearchQuery(q) as never, {}, 5, 0);
      assert.ok(
        page.items.some((i) => i.name.startsWith('Führerschein')),
        `${q}: ${page.items.map((i) => i.name)}`,
      );
    }
  });
});
