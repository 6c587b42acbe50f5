// The contract of a field type: how raw form input becomes a value, how the value is checked, and
// how it is shown in the summary. One module per family of types, all behind one registry.
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { Field } from '../definition/schema.ts';

/** What the browser sent for one field: a single value or, for checkboxes, several. */
export type RawInput = string | string[] | undefined;

export type Value = string | number | boolean | string[];

/** A translatable problem with the answer, phrased so the citizen knows how to fix it. */
export interface FieldError {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type ParseResult = { ok: true; value: Value | undefined } | { ok: false; error: FieldError };

export interface FieldModule {
  /** Turns raw input into a value; `undefined` means "not answered". */
  parse(raw: RawInput, field: Field): ParseResult;
  /** Checks an answered value against the field's validation and options. */
  validate(value: Value, field: Field, options: { code: string }[]): FieldError | undefined;
  /** The answer as text for "check your answers", the PDF and the e-mail. */
  display(value: Value, field: Field, lang: 'de' | 'en', label: (code: string) => string): string;
  /** The stored value as it goes back into the input (German number and date formats). */
  toInput(value: Value, lang: 'de' | 'en'): string | string[];
}

export const first = (raw: RawInput): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();

export const ok = (value: Value | undefined): ParseResult => ({ ok: true, value });
export const fail = (key: MessageKey, params?: FieldError['params']): ParseResult => ({ ok: false, error: { key, params } });
