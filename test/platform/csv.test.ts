import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv, toCsv } from '../../src/platform/csv.ts';

describe('csv', () => {
  it('parses quoted fields, embedded commas, quotes and newlines with line numbers', () => {
    const text = 'a,b\n1,"x, y"\n2,"say ""hi"""\n3,"multi\nline"\n4,z\n';
    const result = parseCsv(text);
    assert.deepEqual(result.header, ['a', 'b']);
    assert.deepEqual(
      result.records.map((r) => [r.line, r.values.b]),
      [
        [2, 'x, y'],
        [3, 'say "hi"'],
        [4, 'multi\nline'],
        [6, 'z'],
      ],
    );
  });

  it('reports records with the wrong number of fields by line', () => {
    const result = parseCsv('a,b\n1,2\n3\n4,5,6\n');
    assert.equal(result.records.length, 1);
    assert.deepEqual(result.malformed, [
      { line: 3, reason: 'expected 2 fields, found 1' },
      { line: 4, reason: 'expected 2 fields, found 3' },
    ]);
  });

  it('writes CSV that parses back to the same values', () => {
    const rows = [{ a: 'x, "y"', b: ['p', 'q'], c: null }];
    const csv = toCsv(['a', 'b', 'c'], rows);
    assert.equal(csv, 'a,b,c\r\n"x, ""y""",p; q,\r\n');
    assert.equal(parseCsv(csv).records[0]?.values.a, 'x, "y"');
  });
});
