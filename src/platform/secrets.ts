// Random secrets handed to a browser or put in a mailed link; only their SHA-256 is stored, so a
// database dump opens no session, draft or link.
import crypto from 'node:crypto';

export function newSecret(): { secret: string; hash: string } {
  const secret = crypto.randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

/** A secret as this module makes them: 43 base64url characters. */
export const isSecret = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** Constant-time comparison of the presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Encrypts a secret the server must read back (a TOTP seed) with AES-256-GCM under a key derived
 * from SESSION_SECRET: a database dump alone does not reveal it. `v1.<iv>.<tag>.<ciphertext>`.
 */
export function encryptSecret(masterSecret: string, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(masterSecret), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptSecret(masterSecret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(masterSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

const keyFrom = (masterSecret: string) => Buffer.from(crypto.hkdfSync('sha256', masterSecret, 'amtsweg', 'secret-encryption-v1', 32));
