// Numbers as Germans write them ("1.234,56") and as browsers send them ("1234.56"); money in cents.
import { formatEuro } from '../../platform/i18n/format.ts';
import type { Field } from '../definition/schema.ts';
import { type FieldError, type FieldModule, fail, first, ok } from './types.ts';

/** Normalises "1.234,5", "1234,5", "1 234.5" and "1234.5" to "1234.5"; undefined if not a number. */
export function normaliseDecimal(input: string): string | undefined {
  let s = input.replace(/[\s\u00a0']/g, '');
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
}

function bounds(value: number, field: Field, scale = 1): FieldError | undefined {
  const min = field.validation?.min !== undefined ? Number(field.validation.min) : Number.NaN;
  const max = field.validation?.max !== undefined ? Number(field.validation.max) : Number.NaN;
  if (!Number.isNaN(min) && value < min * scale) return { key: 'form.error.tooSmall', params: { min: field.validation?.min ?? '' } };
  if (!Number.isNaN(max) && value > max * scale) return { key: 'form.error.tooLarge', params: { max: field.validation?.max ?? '' } };
  return undefined;
}

const localeOf = (lang: 'de' | 'en') => (lang === 'de' ? 'de-DE' : 'en-GB');

export const numberFields: Record<'number' | 'integer' | 'currency', FieldModule> = {
  number: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      const n = normaliseDecimal(text);
      return n === undefined ? fail('form.error.number') : ok(Number(n));
    },
    validate: (value, field) => bounds(Number(value), field),
    display: (value, _field, lang) => new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 10 }).format(Number(value)),
    toInput: (value, lang) => (lang === 'de' ? String(value).replace('.', ',') : String(value)),
  },
  integer: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      const n = normaliseDecimal(text);
      return n === undefined || n.includes('.') || !Number.isSafeInteger(Number(n)) ? fail('form.error.integer') : ok(Number(n));
    },
    validate: (value, field) => bounds(Number(value), field),
    display: (value, _field, lang) => new Intl.NumberFormat(localeOf(lang)).format(Number(value)),
    toInput: (value) => String(value),
  },
  currency: {
    // Stored in integer cents, never as a float.
    parse: (raw) => {
      const text = first(raw).replace(/€|EUR/gi, '');
      if (text.trim() === '') return ok(undefined);
      const n = normaliseDecimal(text);
      if (n === undefined || !/^-?\d+(\.\d{1,2})?$/.test(n)) return fail('form.error.currency');
      const [euros = '0', cents = ''] = n.replace('-', '').split('.');
      const total = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
      return Number.isSafeInteger(total) ? ok(n.startsWith('-') ? -total : total) : fail('form.error.currency');
    },
    validate: (value, field) => bounds(Number(value), field, 100),
    display: (value, _field, lang) => formatEuro(Number(value), lang),
    toInput: (value, lang) => {
      const text = (Number(value) / 100).toFixed(2);
      return lang === 'de' ? text.replace('.', ',') : text;
    },
  },
};
