// Numbers and dates for people, in German or English. Kept apart from the message catalogues so that
// browser code (the form field modules) can use them without bundling every text of the portal.
import type { Lang } from './index.ts';

// Creating an Intl formatter costs about 60 µs, using one about 1 µs: each is made once and kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const kept = formatters.get(key) as T | undefined;
  if (kept) return kept;
  const made = make();
  formatters.set(key, made);
  return made;
}
// Formatting an instant in Germany's time zone costs 1–2 µs (the zone's rules) against ~0.1 µs for a
// lookup, and lists repeat the same instants (a case list two per row, again on every refresh). Both
// formats show at most minutes, so results are kept by minute; the store is emptied when full.
const FORMATTED_MAX = 20_000;
const formatted = new Map<string, string>();
function byMinute(kind: string, at: Date, lang: Lang, format: () => string): string {
  const key = `${kind}${lang}${Math.floor(at.getTime() / 60_000)}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

const locale = (lang: Lang) => (lang === 'de' ? 'de-DE' : 'en-GB');

export function formatEuro(cents: number, lang: Lang): string {
  return formatter(`euro:${lang}`, () => new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' })).format(cents / 100);
}

/** A point in time as a long date in Germany's time zone, e.g. a draft's expiry. */
export function formatDay(at: Date, lang: Lang): string {
  return byMinute('d', at, lang, () =>
    formatter(`day:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'Europe/Berlin' })).format(at),
  );
}

/** Date and time in Germany's time zone, e.g. for a status history. */
export function formatMoment(at: Date, lang: Lang): string {
  return byMinute('m', at, lang, () =>
    formatter(`moment:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' })).format(at),
  );
}

export function formatDate(iso: string, lang: Lang): string {
  return formatter(`date:${lang}`, () => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' })).format(new Date(iso));
}

/** The last second of a calendar day in Germany (a due date "bis zum 31.12." ends there), as an instant. */
export function endOfDayInGermany(year: number, month: number, day: number): Date {
  const utc = Date.UTC(year, month - 1, day, 23, 59, 59);
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }).formatToParts(new Date(utc));
  const offset = /GMT([+-]\d+)?/.exec(zone.find((p) => p.type === 'timeZoneName')?.value ?? '')?.[1] ?? '0';
  return new Date(utc - Number(offset) * 3_600_000);
}

/** A day typed as TT.MM.JJJJ (midnight UTC); undefined when empty, null when not a date. */
export function germanDate(value: string | undefined): Date | null | undefined {
  if (!value?.trim()) return undefined;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return date.getUTCDate() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 ? date : null;
}
