// Questions many native demo forms ask: name and address of the person applying.
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

/** Name, address and contact in Musterstadt. */
export function personItems(prefix: string): Item[] {
  return [
    text(`${prefix}vorname`, 'Vorname', 'First name'),
    text(`${prefix}nachname`, 'Nachname', 'Last name'),
    text(`${prefix}strasse`, 'Straße und Hausnummer', 'Street and house number', { validation: { maxLength: 120 } }),
    text(`${prefix}plz`, 'Postleitzahl', 'Postcode', {
      validation: { pattern: '[0-9]{5}' },
      hint: { de: 'Fünf Ziffern, zum Beispiel 12345.', en: 'Five digits, for example 12345.' },
    }),
    text(`${prefix}ort`, 'Ort', 'Town', { type: 'locked', required: false, defaultValue: 'Musterstadt' }),
    text(`${prefix}email`, 'E-Mail-Adresse', 'Email address', { type: 'email', required: false, validation: { maxLength: 254 } }),
    text(`${prefix}telefon`, 'Telefonnummer für Rückfragen', 'Phone number for questions', { type: 'phone', required: false }),
  ];
}
