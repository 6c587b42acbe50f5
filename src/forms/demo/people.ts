// Questions many native demo forms ask: name and address of the person applying.
import { addressGroup } from '../definition/presets.ts';
import type { Field, Item } from '../definition/schema.ts';

const text = (id: string, de: string, en: string, extra: Partial<Field> = {}): Field => ({
  kind: 'field',
  id,
  label: { de, en },
  type: 'text',
  required: true,
  validation: { maxLength: 100 },
  ...extra,
});

export const field = text;

/** Name, address and contact in Musterstadt; the applicant's own (no prefix) are prefilled after an eID sign-in. */
export function personItems(prefix: string): Item[] {
  const own = prefix === '';
  return [
    text(`${prefix}vorname`, 'Vorname', 'First name', { autocomplete: 'given-name', ...(own ? { prefill: 'givenName', prefillLocked: true } : {}) }),
    text(`${prefix}nachname`, 'Nachname', 'Last name', { autocomplete: 'family-name', ...(own ? { prefill: 'familyName', prefillLocked: true } : {}) }),
    addressGroup({ id: `${prefix}anschrift`, label: { de: 'Anschrift in Musterstadt', en: 'Address in Musterstadt' }, prefix, own: true, town: 'Musterstadt' }),
    text(`${prefix}email`, 'E-Mail-Adresse', 'Email address', {
      type: 'email',
      required: false,
      validation: { maxLength: 254 },
      ...(own ? { prefill: 'email' } : {}),
    }),
    text(`${prefix}telefon`, 'Telefonnummer für Rückfragen', 'Phone number for questions', { type: 'phone', required: false }),
  ];
}
