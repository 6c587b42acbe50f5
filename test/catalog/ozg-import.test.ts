import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importOzgCatalog } from '../../src/catalog/index.ts';
import { parseOzgCatalog, readOzgCatalog } from '../../src/catalog/ozg-import.ts';
import { createTestDatabase, OZG_DIR, type TestDatabase } from '../support/db.ts';

// The shipped copy must equal the shared original, when it is there to compare.
const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/ozg');

const header = {
  themenfelder: 'themenfeld_id,themenfeld,fim_portal_slug\n1,Arbeit & Ruhestand,arbeit_ruhestand\n',
  lebenslagen: 'lebenslage_id,lebenslage,themenfeld_id\n1,Arbeitsplatzverlust,1\n',
  ozgLeistungen: 'ozg_id,ozg_leistung,lebenslage_id,themenfeld_id\n10000,Arbeitslosengeld,1,1\n',
};

describe('OZG catalogue parsing', () => {
  it('reads the real catalogue: 14 Themenfelder, 55 Lebenslagen, 557 OZG-Leistungen, LeiKa mapping', async () => {
    const data = await readOzgCatalog(OZG_DIR);
    assert.equal(data.themenfelder.length, 14);
    assert.equal(data.lebenslagen.length, 55);
    assert.equal(data.ozgLeistungen.length, 557);
    // 5,249 rows; one is an exact duplicate of another and is reported, not imported.
    assert.equal(data.leika.length + data.problems.length, 5249);
    assert.deepEqual(
      data.problems.map((p) => p.line),
      [5250],
    );
    const gewerbe = data.leika.find((l) => l.leistungsschluessel === '99050012104000');
    assert.equal(gewerbe?.name, 'Gewerbe Anmeldung');
    assert.equal(gewerbe?.ozgId, 10294);
    assert.equal(gewerbe?.typisierung, '2/3');
    assert.match(gewerbe?.rechtsgrundlage ?? '', /Gewerbeordnung/);
  });

  it('ships the same catalogue as shared/data', { skip: !fs.existsSync(SHARED) && !process.env.CI ? 'shared/data not beside the clone' : false }, () => {
    for (const file of fs.readdirSync(OZG_DIR)) {
      assert.equal(fs.readFileSync(path.join(OZG_DIR, file), 'utf8'), fs.readFileSync(path.join(SHARED, file), 'utf8'), file);
    }
  });

  it('reports malformed rows by file and line and keeps the good ones', () => {
    const data = parseOzgCatalog({
      ...header,
      leika: [
        'leistungsschluessel,leistungsbezeichnung,ozg_id,leika_typisierung,rechtsgrundlage,gesetze,gesetz_kuerzel,sdg1_relevant,sdg2_relevant',
        '99001001000000,Gut,10000,5,,,,1,0',
        '12345,Schlechter Schlüssel,10000,5,,,,0,0',
        '99001001000001,,10000,5,,,,0,0',
        '99001001000002,Unbekannte OZG,99999,5,,,,0,0',
        '99001001000003,Zu wenige Felder',
        '99001001000004,Falsches Flag,10000,5,,,,ja,0',
        ',Ohne Schlüssel und ohne OZG,,1,,,,0,0',
      ].join('\n'),
    });
    assert.deepEqual(
      data.leika.map((l) => l.name),
      ['Gut', 'Ohne Schlüssel und ohne OZG'],
    );
    assert.deepEqual(
      data.problems.map((p) => [p.file, p.line]),
      [
        ['ozg_leika_zuordnung.csv', 6],
        ['ozg_leika_zuordnung.csv', 3],
        ['ozg_leika_zuordnung.csv', 4],
        ['ozg_leika_zuordnung.csv', 5],
        ['ozg_leika_zuordnung.csv', 7],
      ],
    );
    assert.match(data.problems[1]?.reason ?? '', /invalid leistungsschluessel "12345"/);
  });

  it('names missing columns instead of crashing', () => {
    const data = parseOzgCatalog({ ...header, leika: 'foo,bar\n1,2\n' });
    assert.equal(data.leika.length, 0);
    assert.match(data.problems[0]?.reason ?? '', /missing column\(s\): leistungsschluessel/);
  });
});

describe('OZG catalogue import', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('empty');
  });
  after(async () => database.drop());

  it('is idempotent: a second run adds nothing and changes nothing', async () => {
    const first = await importOzgCatalog(database.db, OZG_DIR);
    const count = async () =>
      Promise.all(
        (['themenfelder', 'lebenslagen', 'ozg_leistungen', 'leika_leistungen'] as const).map(async (table) =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await count();
    assert.deepEqual(before, [14, 55, 557, first.leika]);
    const second = await importOzgCatalog(database.db, OZG_DIR);
    assert.equal(second.leika, first.leika);
    assert.deepEqual(await count(), before);
  });

  it('fails with the path when a file is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-ozg-'));
    await assert.rejects(importOzgCatalog(database.db, dir), /Cannot read .*themenfelder\.csv/);
  });
});
