import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseGenericode } from '../../src/forms/fim/genericode.ts';
import { type FimField, type FimGroup, FimImportError, type FimSchema } from '../../src/forms/fim/model.ts';
import { parseXDatenfelder } from '../../src/forms/fim/parse.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');
const STAAT = fs.readFileSync(path.join(FIM, 'codelists/C60000016_Staat_genericode.xml'), 'utf8');

function fields(node: FimSchema | FimGroup): FimField[] {
  return node.children.flatMap((c) => (c.kind === 'field' ? [c] : fields(c)));
}

describe('genericode code lists', () => {
  it('reads the Destatis list of states with code and name columns from its keys', () => {
    const list = parseGenericode(STAAT);
    assert.equal(list.shortName, 'Staat');
    assert.equal(list.version, '2020-05-11');
    assert.equal(list.canonicalUri, 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat');
    assert.equal(list.codeColumn, 'schluessel-staat');
    assert.equal(list.nameColumn, 'suchbegriff');
    assert.equal(list.entries.length, 197);
    assert.deepEqual(
      { code: list.entries[0]?.code, name: list.entries[0]?.name, iso: list.entries[0]?.columns['iso-2'] },
      { code: '000', name: 'Deutschland', iso: 'DE' },
    );
  });

  it('is the list the real FIM schemas refer to', () => {
    const list = parseGenericode(STAAT);
    for (const file of ['S00000009_Gewerbeanmeldung_xdf2.xml', 'S00000121_Antrag_Blaue_Karte_EU_xdf3-converted.xml']) {
      const schema = parseXDatenfelder(fs.readFileSync(path.join(FIM, 'schemas', file), 'utf8'));
      assert.ok(
        fields(schema).some((f) => f.codeList?.canonicalIdentification === list.canonicalUri),
        file,
      );
    }
  });

  it('rejects duplicate codes and other documents precisely', () => {
    const firstRow = STAAT.match(/<Row>.*?<\/Row>/)?.[0] ?? '';
    const duplicated = STAAT.replace('</SimpleCodeList>', `${firstRow}</SimpleCodeList>`);
    assert.throws(
      () => parseGenericode(duplicated),
      (e: unknown) => e instanceof FimImportError && /Code „000“ kommt mehrfach vor/.test(e.message),
    );
    const schema = fs.readFileSync(path.join(FIM, 'synthetic/v2/minimal.xml'), 'utf8');
    assert.throws(
      () => parseGenericode(schema),
      (e: unknown) => e instanceof FimImportError && e.code === 'not-fim',
    );
    assert.throws(
      () => parseGenericode('<CodeList'),
      (e: unknown) => e instanceof FimImportError && e.code === 'not-xml',
    );
  });
});
