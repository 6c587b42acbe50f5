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

/** The last second of a calendar day in Germany (a due date "bis zum 31.12." ends there), as an instant. */
export function endOfDayInGermany(year: number, month: number, day: number): Date {
  const utc = Date.UTC(year, month - 1, day, 23, 59, 59);
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }).formatToParts(new Date(utc));
  const offset = /GMT([+-]\d+)?/.exec(zone.find((p) => p.type === 'timeZoneName')?.value ?? '')?.[1] ?? '0';
  return new Date(utc - Number(offset) * 3_600_000);
}
