// How DigiCheck shows its model texts, scores, money and effort ranges – the same on the results
// page and in the PDF report.
import { formatEuro } from '../platform/i18n/format.ts';
import type { Range, Text } from './model.ts';

type Lang = 'de' | 'en';

/** A model text in the reader's language. */
export const textIn = (lang: Lang, text: Text) => (lang === 'en' ? text.en : text.de);

/** A score or mean; "–" when there is none. */
export const figure = (lang: Lang, value: number | null) => (value === null ? '–' : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value));

/** A cost range in cents as euros, one amount when both ends agree. */
export const euroRange = (lang: Lang, [min, max]: Range) => (min === max ? formatEuro(min, lang) : `${formatEuro(min, lang)} – ${formatEuro(max, lang)}`);

/** An effort range in person-days. */
export const dayRange = (lang: Lang, [min, max]: Range) => (min === max ? figure(lang, min) : `${figure(lang, min)} – ${figure(lang, max)}`);
