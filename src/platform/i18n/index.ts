// Message catalogues and the translate function; German first, English second.
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';

export type Lang = 'de' | 'en';
export const LANGS: readonly Lang[] = ['de', 'en'];
export type { MessageKey };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogues: Record<Lang, Record<MessageKey, string>> = { de, en };

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en';
}

export function translator(lang: Lang): Translate {
  const messages = catalogues[lang];
  return (key, vars) => {
    const text = messages[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

export { endOfDayInGermany, formatDate, formatDay, formatEuro, formatMoment, germanDate } from './format.ts';
