// Numbers and dates for people, in German or English. Kept apart from the message catalogues so that
// browser code (the form field modules) can use them without bundling every text of the portal.
import type { Lang } from './index.ts';

export function formatEuro(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A point in time as a long date in Germany's time zone, e.g. a draft's expiry. */
export function formatDay(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(at);
}

/** Date and time in Germany's time zone, e.g. for a status history. */
export function formatMoment(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(at);
}

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}
