// Form definitions: the schema, the integrity checks, and the mapping from real FIM schemas.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { definitionFromFim } from '../../src/forms/definition/from-fim.ts';
import { type FormDefinition, FormDefinition as FormDefinitionSchema, type Item } from '../../src/forms/definition/schema.ts';
import { validateDefinition } from '../../src/forms/definition/validate.ts';
import { parseGenericode } from '../../src/forms/fim/genericode.ts';
import { parseXDatenfelder } from '../../src/forms/fim/parse.ts';

const FIM = path.resolve(import.meta.dirname, '../../../shared/data/fim');
const schema = (file: string) => parseXDatenfelder(fs.readFileSync(path.join(FIM, 'schemas', file), 'utf8'));
const staat = parseGenericode(fs.readFileSync(path.join(FIM, 'codelists/C60000016_Staat_genericode.xml'), 'utf8'));

function* walk(items: Item[]): Generator<Item> {
  for (const item of items) {
    yield item;
    if (item.kind === 'group') yield* walk(item.items);
  }
}
const allItems = (def: FormDefinition) => def.steps.flatMap((s) => [...walk(s.items)]);

// What a citizen sees of an item, without ids (the 3.0 conversion renumbers them).
function seen(item: Item): unknown {
  if (item.kind === 'content') return ['content', item.text.de];
  if (item.kind === 'group') return ['group', item.label.de, item.repeat, item.items.map(seen)];
  return ['field', item.label.de, item.type, item.required, item.repeat, item.validation, item.codeList, item.options?.length];
}

describe('form definitions from real FIM schemas', () => {
  const files = [
    ['Gewerbeanmeldung', 'S00000009_Gewerbeanmeldung'],
    ['Blaue Karte EU', 'S00000121_Antrag_Blaue_Karte_EU'],
  ];
  for (const [name, base] of files) {
    it(`${name}: valid definitions, the same form from xdf2 and xdf3`, () => {
      const v2 = definitionFromFim(schema(`${base}_xdf2.xml`), 'form', [staat]);
      const v3 = definitionFromFim(schema(`${base}_xdf3-converted.xml`), 'form', [staat]);
      assert.deepEqual(validateDefinition(v2), []);
      assert.deepEqual(validateDefinition(v3), []);
      assert.deepEqual(
        v3.steps.map((s) => [s.title.de, s.items.map(seen)]),
        v2.steps.map((s) => [s.title.de, s.items.map(seen)]),
      );
    });
  }

  it('Gewerbeanmeldung: types, repetition, code lists and to-dos', () => {
    const def = definitionFromFim(schema('S00000009_Gewerbeanmeldung_xdf2.xml'), 'gewerbeanmeldung', [staat]);
    assert.equal(def.title.de, 'Gewerbe Anmeldung');
    assert.deepEqual(def.source, { kind: 'fim', schemaId: 'S00000009', schemaVersion: '', xdfVersion: '2.0' });
    const items = allItems(def);
    const owner = items.find((i) => i.kind === 'group' && i.fimId === 'G00000091');
    assert.deepEqual(owner?.kind === 'group' && owner.repeat, { min: 1, max: null });
    const first = items.find((i) => i.kind === 'field' && i.fimId === 'F00000152');
    assert.ok(first?.kind === 'field');
    assert.equal(first.type, 'text');
    assert.equal(first.required, true);
    assert.deepEqual(first.validation, { minLength: 1, maxLength: 50 });
    assert.match(first.hint?.de ?? '', /Gemeindenamen/);
    const travelling = items.find((i) => i.kind === 'field' && i.fimId === 'F00000458');
    assert.equal(travelling?.kind === 'field' && travelling.type, 'yesno');
    const notice = items.find((i) => i.kind === 'content' && i.text.de.startsWith('Gewerbe-Anmeldung nach § 14 GewO'));
    assert.ok(notice);
    const stateFields = items.filter((i) => i.kind === 'field' && i.codeList === staat.canonicalUri);
    assert.ok(stateFields.length > 0);
    assert.equal(def.codeLists[staat.canonicalUri]?.options.length, 197);
    assert.ok(def.todos.some((t) => /rechtsformen.*amtsweg import codelist/.test(t.message)));
    assert.ok(def.todos.some((t) => /„Codeliste Regionalschlüssel“ ist kein regulärer Ausdruck/.test(t.message)));
  });

  it('keeps FIM rules as editor to-dos, never drops them', () => {
    const def = definitionFromFim(schema('S00000121_Antrag_Blaue_Karte_EU_xdf2.xml'), 'blaue-karte');
    const rule = def.todos.find((t) => t.message.includes('R00000254'));
    assert.match(rule?.message ?? '', /nur dann zu befüllen, wenn "F00001027 Krankenversicherung vorhanden" bejaht wurde\.$/);
    assert.ok(allItems(def).some((i) => i.kind === 'field' && i.type === 'file'));
  });
});

describe('FIM vorbefuellung', () => {
  it('marked fields get their identity source by FIM name; an unknown one becomes a to-do; "keine" stays unmarked', () => {
    const xml = fs.readFileSync(path.join(FIM, 'schemas', 'S00000009_Gewerbeanmeldung_xdf3-converted.xml'), 'utf8');
    // The real schema marks nothing for prefill; mark the first Familienname and the first Geburtsland.
    const marked = ['Familienname', 'Geburtsland'].reduce(
      (x, name) => x.replace(new RegExp(`(<xdf3:name>${name}</xdf3:name>[\\s\\S]*?<xdf3:vorbefuellung[^>]*><code>)keine`), '$1optional'),
      xml,
    );
    const def = definitionFromFim(parseXDatenfelder(marked), 'gewerbe', [staat]);
    const fields = allItems(def).filter((i) => i.kind === 'field');
    const prefilled = fields.filter((f) => f.kind === 'field' && f.prefill);
    assert.deepEqual(
      prefilled.map((f) => f.kind === 'field' && [f.label.de, f.prefill]),
      [['Familienname', 'familyName']],
    );
    assert.ok(def.todos.some((t) => /Vorbefüllung „optional“: für „Geburtsland“ ist keine Quelle/.test(t.message)));
    const plain = definitionFromFim(schema('S00000009_Gewerbeanmeldung_xdf3-converted.xml'), 'gewerbe', [staat]);
    assert.equal(allItems(plain).filter((i) => i.kind === 'field' && i.prefill).length, 0);
  });
});

describe('form definition checks', () => {
  const minimal = (): FormDefinition => ({
    schemaVersion: 1,
    id: 'hund',
    title: { de: 'Hund anmelden' },
    steps: [
      {
        id: 'hund',
        title: { de: 'Ihr Hund' },
        items: [
          { kind: 'field', id: 'rasse', label: { de: 'Rasse' }, type: 'text', required: true },
          { kind: 'field', id: 'gefaehrlich', label: { de: 'Gefährlicher Hund?' }, type: 'yesno', required: true },
          {
            kind: 'field',
            id: 'nachweis',
            label: { de: 'Sachkundenachweis' },
            type: 'file',
            required: false,
            requiredIf: { field: 'gefaehrlich', op: 'equals', value: true },
          },
        ],
      },
    ],
    codeLists: {},
    todos: [],
  });

  it('accepts a native definition', () => assert.deepEqual(validateDefinition(minimal()), []));

  it('reports schema violations with their path', () => {
    const def = minimal() as unknown as { title: unknown };
    def.title = { en: 'no German' };
    assert.ok(validateDefinition(def).some((p) => p.path.startsWith('/title')));
  });

  it('finds duplicate ids, unknown condition fields, unknown code lists and broken patterns', () => {
    const def = minimal();
    const items = def.steps[0]?.items ?? [];
    items.push({ kind: 'field', id: 'rasse', label: { de: 'Noch einmal' }, type: 'text', required: false });
    items.push({ kind: 'field', id: 'land', label: { de: 'Land' }, type: 'choice', required: true, codeList: 'urn:fehlt' });
    items.push({ kind: 'field', id: 'chip', label: { de: 'Chip' }, type: 'text', required: false, validation: { pattern: '([0-9' } });
    items.push({ kind: 'content', id: 'info', text: { de: 'Nur bei Katzen' }, condition: { field: 'katze', op: 'answered' } });
    const messages = validateDefinition(def).map((p) => p.message);
    assert.ok(messages.some((m) => /duplicate id "rasse"/.test(m)));
    assert.ok(messages.some((m) => /unknown code list "urn:fehlt"/.test(m)));
    assert.ok(messages.some((m) => /not a valid regular expression/.test(m)));
    assert.ok(messages.some((m) => /unknown field "katze"/.test(m)));
  });

  it('has a JSON Schema that can be published', () => {
    const json = JSON.parse(JSON.stringify(FormDefinitionSchema));
    assert.equal(json.$id, 'FormDefinition');
    assert.equal(json.properties.schemaVersion.const, 1);
  });
});
