// Turns problems with answers into the citizen's language, and page errors for the summary.
import { controlId, type ItemError } from '../forms/index.ts';
import { formatDate, type Translate } from '../platform/i18n/index.ts';
import type { PageError } from '../platform/views/error-summary.tsx';

export function errorText(error: ItemError, t: Translate, lang: 'de' | 'en'): string {
  const params = { ...error.params };
  // Date bounds travel as ISO dates; show them the way the reader writes dates.
  for (const name of ['min', 'max'] as const) {
    const v = params[name];
    if ((error.key === 'form.error.dateTooEarly' || error.key === 'form.error.dateTooLate') && typeof v === 'string') params[name] = formatDate(v, lang);
  }
  return t(error.key, params);
}

export function pageErrorsOf(errors: ItemError[], t: Translate, lang: 'de' | 'en'): { byPath: Map<string, string>; list: PageError[] } {
  const byPath = new Map<string, string>();
  const list: PageError[] = [];
  for (const e of errors) {
    if (byPath.has(e.path)) continue;
    const message = errorText(e, t, lang);
    byPath.set(e.path, message);
    list.push({ target: controlId(e.path), message });
  }
  return { byPath, list };
}
