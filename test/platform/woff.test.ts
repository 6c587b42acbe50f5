// WOFF → sfnt conversion for the PDF fonts: every table comes back uncompressed at its original length.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { woffToSfnt } from '../../src/platform/pdf/woff.ts';

const WOFF = path.resolve(import.meta.dirname, '../../node_modules/@kern-ux/native/dist/fonts/noto-sans/NotoSans-Regular.woff');

describe('WOFF fonts for PDFs', () => {
  it('unpacks every table of Noto Sans into a TrueType font', () => {
    const woff = fs.readFileSync(WOFF);
    const sfnt = woffToSfnt(woff);
    const numTables = woff.readUInt16BE(12);
    assert.equal(sfnt.readUInt32BE(0), woff.readUInt32BE(4), 'the flavour (TrueType outlines) is kept');
    assert.equal(sfnt.readUInt16BE(4), numTables);
    assert.equal(sfnt.length, woff.readUInt32BE(16), 'the size WOFF says the font has');
    const tags = Array.from({ length: numTables }, (_, i) => sfnt.toString('latin1', 12 + i * 16, 16 + i * 16));
    assert.ok(tags.includes('glyf') && tags.includes('cmap') && tags.includes('GPOS'));
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      assert.equal(sfnt.readUInt32BE(at + 12), woff.readUInt32BE(44 + i * 20 + 12), `${tags[i]} has its original length`);
    }
  });

  it('refuses anything else', () => {
    assert.throws(() => woffToSfnt(Buffer.from('wOF2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')), /not a WOFF 1.0 font/);
  });
});
