// The webhook signature: HMAC-SHA256 with the target's secret over `<unix seconds>.<raw body>`, sent
// as `Amtsweg-Signature: t=<seconds>,v1=<hex>`. A receiver recomputes it over the bytes it received
// and refuses a timestamp outside its replay window (default five minutes), so a captured request
// cannot be sent again later; the Idempotency-Key header catches our own retries.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'amtsweg-signature';
export const REPLAY_WINDOW_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string | Buffer) =>
  crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function signatureHeader(secret: string, body: string | Buffer, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck = 'valid' | 'malformed' | 'mismatch' | 'expired';

/** What a receiver does with the header; used by our tests' receivers and shown in docs/integration.md. */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string | Buffer,
  now = Date.now(),
  windowSeconds = REPLAY_WINDOW_SECONDS,
): SignatureCheck {
  const parts = new Map((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return 'malformed';
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'mismatch';
  return Math.abs(now / 1000 - timestamp) > windowSeconds ? 'expired' : 'valid';
}
