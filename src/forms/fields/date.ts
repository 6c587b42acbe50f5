// Dates and times: typed as TT.MM.JJJJ / HH:MM or sent by the browser in ISO form; stored as ISO.
import { formatDate } from '../../platform/i18n/format.ts';
import type { Field } from '../definition/schema.ts';
import { type FieldError, type FieldModule, fail, first, ok } from './types.ts';

const pad = (n: string) => n.padStart(2, '0');

/** "1.2.2026", "01.02.2026" or "2026-02-01" → "2026-02-01"; undefined if malformed; null if no such day. */
export function parseDate(input: string): string | null | undefined {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(input);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const [y, m, d] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function parseTime(input: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(input);
  if (!match) return undefined;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h <= 23 && m <= 59 ? `${pad(String(h))}:${pad(String(m))}` : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** "2026-02-01" → "01.02.2026", the format the hint asks for. */
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

// Bounds travel as ISO dates; the view formats them in the reader's language.
function dateBounds(value: string, field: Field): FieldError | undefined {
  const { min, max } = field.validation ?? {};
  if (min && ISO_DATE.test(min) && value < min) return { key: 'form.error.dateTooEarly', params: { min: min.slice(0, 10) } };
  if (max && ISO_DATE.test(max) && value > max) return { key: 'form.error.dateTooLate', params: { max: max.slice(0, 10) } };
  return undefined;
}

export const dateFields: Record<'date' | 'time' | 'datetime', FieldModule> = {
  date: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      const date = parseDate(text);
      if (date === null) return fail('form.error.dateInvalid');
      return date === undefined ? fail('form.error.date') : ok(date);
    },
    validate: (value, field) => dateBounds(String(value), field),
    display: (value, _field, lang) => formatDate(String(value), lang),
    toInput: (value) => germanDate(String(value)),
  },
  time: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      const time = parseTime(text);
      return time === undefined ? fail('form.error.time') : ok(time);
    },
    validate: () => undefined,
    display: (value) => String(value),
    toInput: (value) => String(value),
  },
  datetime: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      const [datePart = '', timePart = ''] = text.includes('T') ? text.split('T') : text.split(/\s+/);
      const date = parseDate(datePart);
      const time = parseTime(timePart);
      return date && time ? ok(`${date}T${time}`) : fail('form.error.datetime');
    },
    validate: (value, field) => dateBounds(String(value), field),
    display: (value, _field, lang) => `${formatDate(String(value).slice(0, 10), lang)}, ${String(value).slice(11, 16)}`,
    toInput: (value) => `${germanDate(String(value).slice(0, 10))} ${String(value).slice(11, 16)}`,
  },
};
