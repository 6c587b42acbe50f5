// Passwords: scrypt from node:crypto with a per-password salt, and the rules a new password must meet
// (NIST SP 800-63B: length over composition, no common or context words).
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

// N=2^15, r=8: 32 MiB and ~90 ms per hash on the reference machine (docs/benchmarks.md).
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** `scrypt$N$r$p$salt$hash`, parameters stored so they can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEM,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash to compare against when the account does not exist, so the answer takes as long either way. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
};

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'personal' | 'repetitive';

let common: Promise<Set<string>> | undefined;
// German passwords that the (English-leaning) list lacks, and words of this portal.
const LOCAL_WORDS = [
  'passwort',
  'hallo',
  'schatz',
  'fussball',
  'fußball',
  'sommer',
  'geheim',
  'musterstadt',
  'amtsweg',
  'buergerservice',
  'bürgerservice',
  'ichliebedich',
  'kennwort',
  'qwertz',
];

function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then((m) => new Set([...m.dictionary['passwords-common'], ...LOCAL_WORDS]));
  return common;
}

/** Why a password may not be used, or undefined if it may. `personal` holds words like the e-mail's local part. */
export async function passwordProblem(password: string, personal: string[] = []): Promise<PasswordProblem | undefined> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 3) return 'repetitive';
  // "Passwort2024!" is a common word with a number and a sign appended; strip those before looking it up.
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  const words = await commonPasswords();
  if (words.has(lower) || words.has(stem) || stem.length < 4) return 'common';
  if (personal.some((word) => word.length >= 4 && lower.includes(word.toLowerCase()))) return 'personal';
  return undefined;
}
