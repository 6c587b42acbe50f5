// Yes/no, one of a list, several of a list, and uploaded files (as references to stored uploads).
import type { FieldModule } from './types.ts';
import { fail, first, ok } from './types.ts';

const YES = new Set(['ja', 'yes', 'true', '1']);
const NO = new Set(['nein', 'no', 'false', '0']);

const many = (raw: string | string[] | undefined): string[] => (Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => v.trim()).filter(Boolean);

export const choiceFields: Record<'yesno' | 'choice' | 'multichoice' | 'file', FieldModule> = {
  yesno: {
    parse: (raw) => {
      const text = first(raw).toLowerCase();
      if (text === '') return ok(undefined);
      if (YES.has(text)) return ok(true);
      return NO.has(text) ? ok(false) : fail('form.error.yesno');
    },
    validate: () => undefined,
    display: (value, _field, lang) => (value === true ? (lang === 'de' ? 'Ja' : 'Yes') : lang === 'de' ? 'Nein' : 'No'),
    toInput: (value) => (value === true ? 'ja' : 'nein'),
  },
  choice: {
    parse: (raw) => ok(first(raw) || undefined),
    validate: (value, _field, options) => (options.some((o) => o.code === value) ? undefined : { key: 'form.error.choice' }),
    display: (value, _field, _lang, label) => label(String(value)),
    toInput: (value) => String(value),
  },
  multichoice: {
    parse: (raw) => {
      const values = [...new Set(many(raw))];
      return ok(values.length > 0 ? values : undefined);
    },
    validate: (value, _field, options) => {
      const codes = new Set(options.map((o) => o.code));
      return (value as string[]).every((v) => codes.has(v)) ? undefined : { key: 'form.error.choice' };
    },
    display: (value, _field, _lang, label) => (value as string[]).map(label).join(', '),
    toInput: (value) => value as string[],
  },
  file: {
    // The upload handler stores the file first and puts its reference into the answer.
    parse: (raw) => {
      const refs = many(raw);
      return ok(refs.length > 0 ? refs : undefined);
    },
    // A repeated file field is validated one reference at a time, a single one as its list.
    validate: (value) => ([value as string | string[]].flat().every((ref) => /^[A-Za-z0-9_-]{8,64}$/.test(ref)) ? undefined : { key: 'form.error.file' }),
    // `label` names each stored upload (its file name).
    display: (value, _field, _lang, label) => (value as string[]).map(label).join(', '),
    toInput: () => '',
  },
};
