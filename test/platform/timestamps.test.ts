// Timestamps read without the general parser: the same Date as `pg`'s own parser for every form
// PostgreSQL writes, and that parser for the unusual ones.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type pg from 'pg';
import { parseUsualTimestamptz, timestamptzParser } from '../../src/platform/db/timestamps.ts';
import { createTestDatabase } from '../support/db.ts';

// The parser `pg` ships for timestamptz (Amtsweg's own replaces it in pg.types when the database
// module loads, so it is imported here directly).
const general = createRequire(import.meta.url)('postgres-date') as (value: string) => Date | number | null;
const parse = timestamptzParser((v) => new Date(`general:${v}`));

test('the usual forms give the same instant as the general parser, to the millisecond', () => {
  const offsets = ['+00', '+01', '+02', '-05', '+05:30', '-03:30', '+14', '-12', '+00:00:45', '-00:25:21'];
  let random = 42;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random;
  };
  for (let n = 0; n < 5000; n++) {
    const ms = 1000 + ((next() % 8000) * 31_556_952_000) / 1000 + next();
    const iso = new Date(Math.min(ms, 253_402_300_799_000)).toISOString();
    const fraction = ['', '.1', '.12', '.123', '.1234', '.12345', '.123456', `.${String(next() % 1_000_000).padStart(6, '0')}`][n % 8] as string;
    const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}${offsets[n % offsets.length]}`;
    const expected = (general(text) as Date).getTime();
    assert.equal(parseUsualTimestamptz(text)?.getTime(), expected, text);
  }
  for (let ms = 0; ms < 1000; ms++) {
    const text = `2026-03-29 01:59:59.${String(ms).padStart(3, '0')}+00`;
    assert.equal(parseUsualTimestamptz(text)?.toISOString(), `2026-03-29T01:59:59.${String(ms).padStart(3, '0')}Z`, text);
  }
});

test('other forms go to the general parser', () => {
  for (const text of [
    'infinity',
    '-infinity',
    '0044-03-15 12:00:00+00 BC',
    '0099-01-01 00:00:00+00',
    '2026-11-23 16:40:12+01 BC',
    '2026-11-23 16:40:12',
    '2026-11-23T16:40:12+01',
    '2026-11-23 16:40:12.+01',
    '2026-11-23 16:40:12+1',
    '2026-11-23 16:40:12+01:3',
    '12026-01-01 00:00:00+00',
  ]) {
    assert.equal(parseUsualTimestamptz(text), undefined, text);
    assert.equal(String(parse(text)), String(new Date(`general:${text}`)), text);
  }
});

test('what the database returns is read the same as before, in the server’s time zone and another', async () => {
  const database = await createTestDatabase('empty');
  try {
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns']) {
      const { rows } = await database.pool
        .query(
          `SET TimeZone = '${zone}'; SELECT t, t::text AS text FROM (VALUES (timestamptz '2026-10-25 00:59:59.999999+00'), ('2026-03-29 01:00:00.5+00'), ('1999-12-31 23:59:59+00'), ('infinity')) v(t)`,
        )
        .then((results) => (results as unknown as pg.QueryResult[])[1] as pg.QueryResult<{ t: Date | number; text: string }>);
      for (const row of rows) assert.equal(String(row.t), String(general(row.text)), `${zone}: ${row.text}`);
    }
  } finally {
    await database.drop();
  }
});
