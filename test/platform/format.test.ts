import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDay, formatMoment } from '../../src/platform/i18n/format.ts';

describe('dates for people', () => {
  it('formats instants in Germany’s time zone, the same when asked again, across the clock changes', () => {
    const fresh = (lang: 'de' | 'en', options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { ...options, timeZone: 'Europe/Berlin' });
    // Every 7 minutes and 13 seconds around both clock changes of 2026 and the turn of a day.
    const starts = [Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 9, 24, 23), Date.UTC(2026, 11, 31, 22)];
    for (const start of starts) {
      for (let at = start; at < start + 4 * 3_600_000; at += 433_000) {
        for (const lang of ['de', 'en'] as const) {
          const moment = fresh(lang, { dateStyle: 'long', timeStyle: 'short' }).format(at);
          const day = fresh(lang, { dateStyle: 'long' }).format(at);
          for (let i = 0; i < 2; i++) {
            assert.equal(formatMoment(new Date(at), lang), moment, new Date(at).toISOString());
            assert.equal(formatDay(new Date(at), lang), day, new Date(at).toISOString());
          }
        }
      }
    }
    assert.equal(formatMoment(new Date('2026-03-29T00:59:59.999Z'), 'de'), '29. März 2026 um 01:59');
    assert.equal(formatMoment(new Date('2026-03-29T01:00:00Z'), 'de'), '29. März 2026 um 03:00');
  });
});
