// Every field type's parsing, validation and display, as data tables.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Field, FieldType } from '../../src/forms/definition/schema.ts';
import { FIELD_MODULES } from '../../src/forms/fields/registry.ts';
import { ibanChecksumValid } from '../../src/forms/fields/text.ts';

const field = (type: FieldType, validation?: Field['validation']): Field => ({ kind: 'field', id: 'f', label: { de: 'F' }, type, required: false, validation });

function parse(type: FieldType, raw: string | string[], validation?: Field['validation'], options: { code: string }[] = []) {
  const f = field(type, validation);
  const parsed = FIELD_MODULES[type].parse(raw, f);
  if (!parsed.ok) return { error: parsed.error.key, params: parsed.error.params };
  if (parsed.value === undefined) return { value: undefined };
  const error = FIELD_MODULES[type].validate(parsed.value, f, options);
  return error ? { error: error.key, params: error.params } : { value: parsed.value };
}

describe('field types', () => {
  const cases: [FieldType, string | string[], Field['validation'] | undefined, unknown][] = [
    ['text', '  Erika  ', undefined, { value: 'Erika' }],
    ['text', '', undefined, { value: undefined }],
    ['text', 'ab', { minLength: 3 }, { error: 'form.error.tooShort', params: { min: 3 } }],
    ['text', 'abcdef', { maxLength: 5 }, { error: 'form.error.tooLong', params: { max: 5, length: 6 } }],
    ['text', '12345', { pattern: '[0-9]{5}' }, { value: '12345' }],
    ['text', '1234a', { pattern: '[0-9]{5}' }, { error: 'form.error.pattern', params: undefined }],
    ['textarea', 'Zeile 1\r\nZeile 2', undefined, { value: 'Zeile 1\nZeile 2' }],
    ['email', 'erika@example.org', undefined, { value: 'erika@example.org' }],
    ['email', 'erika@example', undefined, { error: 'form.error.email', params: undefined }],
    ['phone', '+49 (0)30 123456', undefined, { value: '+49 (0)30 123456' }],
    ['phone', 'ruf mich an', undefined, { error: 'form.error.phone', params: undefined }],
    ['iban', 'de89 3704 0044 0532 0130 00', undefined, { value: 'DE89370400440532013000' }],
    ['iban', 'DE89 3704 0044 0532 0130 01', undefined, { error: 'form.error.ibanChecksum', params: undefined }],
    ['iban', 'DE89 3704 0044 0532 0130', undefined, { error: 'form.error.ibanLengthDe', params: { length: 20 } }],
    ['iban', '1234', undefined, { error: 'form.error.ibanFormat', params: undefined }],
    ['number', '1.234,56', undefined, { value: 1234.56 }],
    ['number', '12,5', undefined, { value: 12.5 }],
    ['number', '12.5', undefined, { value: 12.5 }],
    ['number', 'zwölf', undefined, { error: 'form.error.number', params: undefined }],
    ['number', '5', { min: '10' }, { error: 'form.error.tooSmall', params: { min: '10' } }],
    ['integer', '1.000', undefined, { value: 1000 }],
    ['integer', '2,5', undefined, { error: 'form.error.integer', params: undefined }],
    ['integer', '120', { max: '100' }, { error: 'form.error.tooLarge', params: { max: '100' } }],
    ['currency', '49,90 €', undefined, { value: 4990 }],
    ['currency', '1.000', undefined, { value: 100000 }],
    ['currency', '0,1', undefined, { value: 10 }],
    ['currency', '1,999', undefined, { error: 'form.error.currency', params: undefined }],
    ['currency', '5,00', { min: '10' }, { error: 'form.error.tooSmall', params: { min: '10' } }],
    ['date', '1.4.2026', undefined, { value: '2026-04-01' }],
    ['date', '2026-04-01', undefined, { value: '2026-04-01' }],
    ['date', '31.02.2026', undefined, { error: 'form.error.dateInvalid', params: undefined }],
    ['date', '2026/04/01', undefined, { error: 'form.error.date', params: undefined }],
    ['date', '01.01.2020', { min: '2021-01-01' }, { error: 'form.error.dateTooEarly', params: { min: '2021-01-01' } }],
    ['date', '01.01.2030', { max: '2029-12-31' }, { error: 'form.error.dateTooLate', params: { max: '2029-12-31' } }],
    ['time', '9:05', undefined, { value: '09:05' }],
    ['time', '24:00', undefined, { error: 'form.error.time', params: undefined }],
    ['datetime', '01.04.2026 14:30', undefined, { value: '2026-04-01T14:30' }],
    ['datetime', '2026-04-01T14:30', undefined, { value: '2026-04-01T14:30' }],
    ['datetime', 'morgen', undefined, { error: 'form.error.datetime', params: undefined }],
    ['yesno', 'ja', undefined, { value: true }],
    ['yesno', 'nein', undefined, { value: false }],
    ['yesno', 'vielleicht', undefined, { error: 'form.error.yesno', params: undefined }],
    ['hidden', 'x', undefined, { value: 'x' }],
    ['locked', 'y', undefined, { value: 'y' }],
  ];
  for (const [type, raw, validation, expected] of cases) {
    it(`${type} ${JSON.stringify(raw)}${validation ? ` ${JSON.stringify(validation)}` : ''}`, () => {
      assert.deepEqual(parse(type, raw, validation), expected);
    });
  }

  it('choices must be among the options', () => {
    const options = [{ code: 'a' }, { code: 'b' }];
    assert.deepEqual(parse('choice', 'a', undefined, options), { value: 'a' });
    assert.deepEqual(parse('choice', 'x', undefined, options), { error: 'form.error.choice', params: undefined });
    assert.deepEqual(parse('multichoice', ['a', 'b', 'a'], undefined, options), { value: ['a', 'b'] });
    assert.deepEqual(parse('multichoice', ['a', 'x'], undefined, options), { error: 'form.error.choice', params: undefined });
    assert.deepEqual(parse('multichoice', [], undefined, options), { value: undefined });
  });

  it('file answers are references to stored uploads', () => {
    assert.deepEqual(parse('file', ['upload_0123456789']), { value: ['upload_0123456789'] });
    assert.deepEqual(parse('file', ['../../etc/passwd']), { error: 'form.error.file', params: undefined });
  });

  it('displays answers for people', () => {
    const label = (code: string) => ({ a: 'Alpha' })[code] ?? code;
    assert.equal(FIELD_MODULES.currency.display(4990, field('currency'), 'de', label).replace(/\s/g, ' '), '49,90 €');
    assert.equal(FIELD_MODULES.date.display('2026-04-01', field('date'), 'de', label), '1. April 2026');
    assert.equal(FIELD_MODULES.yesno.display(true, field('yesno'), 'en', label), 'Yes');
    assert.equal(FIELD_MODULES.iban.display('DE89370400440532013000', field('iban'), 'de', label), 'DE89 3704 0044 0532 0130 00');
    assert.equal(FIELD_MODULES.multichoice.display(['a', 'b'], field('multichoice'), 'de', label), 'Alpha, b');
  });

  it('checks IBANs by ISO 13616 checksum', () => {
    assert.ok(ibanChecksumValid('GB82WEST12345698765432'));
    assert.ok(!ibanChecksumValid('GB82WEST12345698765433'));
  });
});
