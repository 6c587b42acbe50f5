// Building blocks for native form definitions that many services share.
import type { Field, Group, PrefillSource } from './schema.ts';

export interface AddressOptions {
  /** Group id; field ids get `prefix` so that several addresses fit in one form. */
  id: string;
  label: { de: string; en?: string };
  prefix?: string;
  /** The applicant's own address: browsers may fill it in (autocomplete tokens, WCAG 1.3.5). */
  own?: boolean;
  /** A service only for residents: the town is fixed and shown, not asked. */
  town?: string;
  required?: boolean;
}

/** A German postal address as one fieldset: street and number, postcode, town. */
export function addressGroup({ id, label, prefix = '', own = false, town, required = true }: AddressOptions): Group {
  const field = (fieldId: string, de: string, en: string, extra: Partial<Field>, token: string, prefill?: PrefillSource): Field => ({
    kind: 'field',
    id: `${prefix}${fieldId}`,
    label: { de, en },
    type: 'text',
    required,
    ...(own ? { autocomplete: token, ...(prefill ? { prefill } : {}) } : {}),
    ...extra,
  });
  return {
    kind: 'group',
    id,
    label,
    repeat: { min: 1, max: 1 },
    items: [
      field('strasse', 'Straße und Hausnummer', 'Street and house number', { validation: { maxLength: 120 } }, 'address-line1', 'street'),
      field(
        'plz',
        'Postleitzahl',
        'Postcode',
        { validation: { pattern: '[0-9]{5}' }, hint: { de: 'Fünf Ziffern, zum Beispiel 12345.', en: 'Five digits, for example 12345.' } },
        'postal-code',
        'postalCode',
      ),
      town
        ? field('ort', 'Ort', 'Town', { type: 'locked', required: false, defaultValue: town }, 'address-level2')
        : field('ort', 'Ort', 'Town', { validation: { maxLength: 100 } }, 'address-level2', 'city'),
    ],
  };
}
