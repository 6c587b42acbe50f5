// Timestamps with time zone as PostgreSQL writes them (DateStyle ISO), read into Dates without
// regular expressions: an inbox page has a hundred of them, and the general parser of `pg` was 3 % of
// a busy back office's CPU. Anything but the usual form (years before 1000, BC, infinity) goes to
// that general parser.

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const isDigits = (s: string, from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** `2026-11-23 16:40:12.123456+01`, `…+05:30` or `…-03:30:45` as a Date; undefined for any other form. */
export function parseUsualTimestamptz(s: string): Date | undefined {
  if (s.length < 22 || s[4] !== '-' || s[7] !== '-' || s[10] !== ' ' || s[13] !== ':' || s[16] !== ':' || s[0] === '0') return undefined;
  if (!isDigits(s, 0, 4) || !isDigits(s, 5, 7) || !isDigits(s, 8, 10) || !isDigits(s, 11, 13) || !isDigits(s, 14, 16) || !isDigits(s, 17, 19)) {
    return undefined;
  }
  let i = 19;
  let ms = 0;
  if (s[i] === '.') {
    const start = ++i;
    while (i < s.length && i - start < 6 && isDigits(s, i, i + 1)) i++;
    if (i === start) return undefined;
    // Whole milliseconds: a Date keeps no microseconds (the keyset cursor reads them as text).
    ms = Number(`${s.slice(start, i)}00`.slice(0, 3));
  }
  const sign = s[i] === '+' ? 1 : s[i] === '-' ? -1 : 0;
  if (sign === 0 || !isDigits(s, i + 1, i + 3)) return undefined;
  let offset = two(s, i + 1) * 3600;
  i += 3;
  for (const factor of [60, 1]) {
    if (i === s.length) break;
    if (s[i] !== ':' || !isDigits(s, i + 1, i + 3)) return undefined;
    offset += two(s, i + 1) * factor;
    i += 3;
  }
  if (i !== s.length) return undefined;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  const utc = Date.UTC(year, two(s, 5) - 1, two(s, 8), two(s, 11), two(s, 14), two(s, 17), ms);
  return new Date(utc - sign * offset * 1000);
}

/** A type parser: the usual form read directly, any other by `general`. */
export const timestamptzParser =
  (general: (value: string) => unknown) =>
  (value: string): unknown =>
    parseUsualTimestamptz(value) ?? general(value);
