// The XDatenfelder reader against the real FIM schemas and every synthetic case in shared/data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type FimField, type FimGroup, FimImportError, type FimSchema } from '../../src/forms/fim/model.ts';
import { parseXDatenfelder } from '../../src/forms/fim/parse.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');
const read = (file: string) => fs.readFileSync(path.join(FIM, file), 'utf8');

// Every synthetic case, and what the importer does with it.
const synthetic: [string, 'imports' | [string, RegExp]][] = [
  ['v2/minimal.xml', 'imports'],
  ['v2/simple.xml', 'imports'],
  ['v2/label.xml', 'imports'],
  ['v2/select.xml', 'imports'],
  ['v2/rule.xml', 'imports'],
  ['v2/data-field-rule.xml', 'imports'],
  ['v2/data-group-rule.xml', 'imports'],
  ['v2/duplicate-optional-value.xml', ['duplicate-element', /„beschreibung“ kommt mehrfach vor \(stammdatenschema\/beschreibung\)/]],
  ['v2/duplicate-required-value.xml', ['duplicate-element', /„name“ kommt mehrfach vor \(stammdatenschema\/name\)/]],
  ['v2/unknown-namespace.xml', ['unknown-namespace', /Namensraum „urn:xoev-de:fim:standard:xdatenfelder_unknown“/]],
  ['v3/input.xml', 'imports'],
  ['v3/simple.xml', 'imports'],
  ['v3/duplicate-id-node.xml', ['duplicate-element', /Die ID kommt mehrfach vor \(datenfeldgruppe\/identifikation\/id\)/]],
  ['v3/empty-id-node.xml', ['empty-element', /Die ID ist leer \(datenfeldgruppe\/identifikation\/id\)/]],
  ['v3/missing-id-node.xml', ['missing-element', /Die ID fehlt \(datenfeldgruppe\/identifikation\/id\)/]],
  ['v3/unexpected-node.xml', ['unexpected-element', /Unerwartetes Element „unknown“ \(datenfeldgruppe\/identifikation\/unknown\)/]],
  ['v3/invalid-freigabestatus.xml', ['invalid-value', /Freigabestatus „10“/]],
  ['v3/unknown-namespace.xml', ['unknown-namespace', /xdatenfelder_unknown/]],
];

describe('synthetic XDatenfelder cases', () => {
  it('covers every file in shared/data/fim/synthetic', () => {
    const files = ['v2', 'v3'].flatMap((v) => fs.readdirSync(path.join(FIM, 'synthetic', v)).map((f) => `${v}/${f}`));
    assert.deepEqual(files.sort(), synthetic.map(([f]) => f).sort());
  });

  for (const [file, expected] of synthetic) {
    it(`${file} ${expected === 'imports' ? 'imports' : `is rejected (${expected[0]})`}`, () => {
      const xml = read(`synthetic/${file}`);
      if (expected === 'imports') {
        const schema = parseXDatenfelder(xml);
        assert.ok(schema.id);
        return;
      }
      assert.throws(
        () => parseXDatenfelder(xml),
        (error: unknown) => error instanceof FimImportError && error.code === expected[0] && expected[1].test(error.message),
      );
    });
  }

  it('reads fields, code lists, constraints and rules of the synthetic cases', () => {
    const select = parseXDatenfelder(read('synthetic/v2/select.xml')).children[0] as FimField;
    assert.equal(select.fieldType, 'select');
    assert.ok(select.codeList?.canonicalIdentification);
    const v3 = parseXDatenfelder(read('synthetic/v3/input.xml'));
    assert.equal(v3.documentType, 'datenfeldgruppe');
    const street = v3.children[0] as FimField;
    assert.deepEqual(street.constraints, { minLength: 0, maxLength: 1, minValue: '0', maxValue: '1', pattern: 'abc', note: 'Constraints' });
    assert.equal(street.content, 'Some Content');
    const rule = parseXDatenfelder(read('synthetic/v2/rule.xml')).rules[0];
    assert.equal(rule?.id, 'R60000037');
    assert.equal(rule?.definition, 'function script() {}');
  });
});

// The parts of an element a form is built from; ids differ between the 2.0 original and the 3.0 conversion.
function shape(node: FimGroup | FimField | FimSchema): unknown {
  const { note: _note, ...constraints } = node.kind === 'field' ? node.constraints : {};
  return {
    kind: node.kind,
    label: node.label,
    hint: node.hint,
    cardinality: node.kind === 'schema' ? undefined : node.cardinality,
    ...(node.kind === 'field'
      ? { fieldType: node.fieldType, dataType: node.dataType, constraints, codeList: node.codeList?.canonicalIdentification, content: node.content }
      : { children: node.children.map(shape) }),
  };
}

function* walk(node: FimSchema | FimGroup): Generator<FimGroup | FimField> {
  for (const c of node.children) {
    yield c;
    if (c.kind === 'group') yield* walk(c);
  }
}

describe('real FIM Stammdatenschemata', () => {
  for (const [name, base] of [
    ['Gewerbeanmeldung S00000009', 'S00000009_Gewerbeanmeldung'],
    ['Blaue Karte EU S00000121', 'S00000121_Antrag_Blaue_Karte_EU'],
  ]) {
    it(`${name}: the 2.0 original and the 3.0.0 conversion read as the same form`, () => {
      const v2 = parseXDatenfelder(read(`schemas/${base}_xdf2.xml`));
      const v3 = parseXDatenfelder(read(`schemas/${base}_xdf3-converted.xml`));
      assert.equal(v2.xdfVersion, '2.0');
      assert.equal(v3.xdfVersion, '3.0.0');
      assert.deepEqual(shape(v3), shape(v2));
    });
  }

  it('Gewerbeanmeldung: structure, repetition, types, constraints and code lists', () => {
    const schema = parseXDatenfelder(read('schemas/S00000009_Gewerbeanmeldung_xdf2.xml'));
    assert.equal(schema.id, 'S00000009');
    assert.equal(schema.name, 'Gewerbe Anmeldung');
    const all = [...walk(schema)];
    assert.equal(all.filter((e) => e.kind === 'group').length, 54);
    assert.equal(all.filter((e) => e.kind === 'field').length, 132);
    const owner = all.find((e) => e.id === 'G00000091');
    assert.equal(owner?.label, 'Angaben zum Betriebsinhaber');
    assert.deepEqual(owner?.cardinality, { min: 1, max: null });
    const first = schema.children[0] as FimField;
    assert.equal(first.id, 'F00000152');
    assert.equal(first.label, 'Name der entgegennehmenden Gemeinde');
    assert.match(first.hint, /Gemeindenamen auszuwählen/);
    assert.deepEqual(first.constraints, { minLength: 1, maxLength: 50 });
    const legalForm = all.find((e) => e.id === 'F00000103') as FimField;
    assert.equal(legalForm.fieldType, 'select');
    assert.equal(legalForm.codeList?.canonicalIdentification, 'urn:xoev-de:xgewerbeanzeige:codeliste:rechtsformen');
    const travelling = all.find((e) => e.id === 'F00000458') as FimField;
    assert.equal(travelling.dataType, 'bool');
    const title = all.find((e) => e.id === 'F00000148') as FimField;
    assert.equal(title.fieldType, 'label');
    assert.equal(title.content, 'Gewerbe-Anmeldung nach § 14 GewO oder § 55 c GewO');
  });
});

describe('documents that are not XDatenfelder 2.0/3.0', () => {
  const rejects = (xml: string, code: string, message: RegExp) =>
    assert.throws(
      () => parseXDatenfelder(xml),
      (e: unknown) => e instanceof FimImportError && e.code === code && message.test(e.message),
    );

  it('not XML at all', () => rejects('Gewerbeanmeldung;Name;Vorname', 'not-xml', /kein wohlgeformtes XML/));
  it('broken XML names the line', () => rejects('<a>\n<b>\n</a>', 'not-xml', /Zeile \d/));
  it('other XML', () => rejects('<?xml version="1.0"?><rechnung xmlns="urn:x"><betrag>1</betrag></rechnung>', 'not-fim', /Wurzelelement „rechnung“/));
  it('an XSD is not a form', () => rejects(read('xsd/xdatenfelder-2.0/xdatenfelder.xsd'), 'not-fim', /kein XDatenfelder-Dokument/));
  it('XDatenfelder 1.x', () =>
    rejects(
      '<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_1"><xdf:stammdatenschema/></xdf:xdatenfelder.stammdatenschema.0102>',
      'unsupported-version',
      /1\.x wird nicht unterstützt/,
    ));
  it('a bad cardinality', () => {
    const xml = read('synthetic/v2/simple.xml').replace(/<xdf:anzahl>[^<]*<\/xdf:anzahl>/, '<xdf:anzahl>3:1</xdf:anzahl>');
    rejects(xml, 'invalid-value', /Ungültige Anzahl „3:1“/);
  });
});
