// Text-like fields: free text, e-mail, phone, IBAN (with checksum), hidden and locked values.

import { isEmailAddress } from '../../platform/email.ts';
import type { Field } from '../definition/schema.ts';
import { type FieldError, type FieldModule, fail, first, ok } from './types.ts';

function lengthAndPattern(value: string, field: Field): FieldError | undefined {
  const v = field.validation ?? {};
  const length = [...value].length;
  if (v.minLength !== undefined && length < v.minLength) return { key: 'form.error.tooShort', params: { min: v.minLength } };
  if (v.maxLength !== undefined && length > v.maxLength) return { key: 'form.error.tooLong', params: { max: v.maxLength, length } };
  if (v.pattern !== undefined && !new RegExp(`^(?:${v.pattern})$`, 'u').test(value)) return { key: 'form.error.pattern' };
  return undefined;
}

const plain = (): FieldModule => ({
  parse: (raw) => {
    const text = first(raw).replace(/\r\n/g, '\n');
    return ok(text === '' ? undefined : text);
  },
  validate: (value, field) => lengthAndPattern(String(value), field),
  display: (value) => String(value),
  toInput: (value) => String(value),
});

// Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is checked by sending.
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

const groupIban = (value: unknown) =>
  String(value)
    .replace(/(.{4})/g, '$1 ')
    .trim();

export const textFields: Record<'text' | 'textarea' | 'hidden' | 'locked' | 'email' | 'phone' | 'iban', FieldModule> = {
  text: plain(),
  textarea: plain(),
  hidden: plain(),
  locked: plain(),
  email: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      return isEmailAddress(text) ? ok(text) : fail('form.error.email');
    },
    validate: (value, field) => lengthAndPattern(String(value), field),
    display: (value) => String(value),
    toInput: (value) => String(value),
  },
  phone: {
    parse: (raw) => {
      const text = first(raw);
      if (text === '') return ok(undefined);
      return PHONE.test(text) && (text.match(/[0-9]/g)?.length ?? 0) >= 5 ? ok(text) : fail('form.error.phone');
    },
    validate: (value, field) => lengthAndPattern(String(value), field),
    display: (value) => String(value),
    toInput: (value) => String(value),
  },
  iban: {
    parse: (raw) => {
      const iban = first(raw).replace(/\s+/g, '').toUpperCase();
      if (iban === '') return ok(undefined);
      if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return fail('form.error.ibanFormat');
      if (iban.startsWith('DE') && iban.length !== 22) return fail('form.error.ibanLengthDe', { length: iban.length });
      return ibanChecksumValid(iban) ? ok(iban) : fail('form.error.ibanChecksum');
    },
    validate: () => undefined,
    display: groupIban,
    toInput: groupIban,
  },
};
