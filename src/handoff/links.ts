// Signed, expiring download links for a delivery's files (attachments and receipt), for webhook
// targets that take links rather than inline content: `…?expires=<unix seconds>&signature=<hex>`,
// HMAC-SHA256 under a key derived from SESSION_SECRET over delivery, file and expiry. Whoever holds
// the link may fetch that one file until it expires; every fetch is audited.
import crypto from 'node:crypto';
import { API_PREFIX } from '../platform/http/api.ts';

export const RECEIPT_FILE = 'receipt';

export interface LinkSigner {
  link(deliveryId: string, fileId: string, now?: number): string;
  check(deliveryId: string, fileId: string, expires: number, signature: string, now?: number): 'valid' | 'expired' | 'invalid';
}

export const filePath = (deliveryId: string, fileId: string) => `${API_PREFIX}/handoff/deliveries/${deliveryId}/files/${encodeURIComponent(fileId)}`;

export function linkSigner(masterSecret: string, publicUrl: string, validDays: number): LinkSigner {
  const key = Buffer.from(crypto.hkdfSync('sha256', masterSecret, 'amtsweg', 'handoff-file-links-v1', 32));
  const mac = (deliveryId: string, fileId: string, expires: number) => crypto.createHmac('sha256', key).update(`${deliveryId}\n${fileId}\n${expires}`).digest();
  return {
    link(deliveryId, fileId, now = Date.now()) {
      const expires = Math.floor(now / 1000) + validDays * 86_400;
      return `${publicUrl}${filePath(deliveryId, fileId)}?expires=${expires}&signature=${mac(deliveryId, fileId, expires).toString('hex')}`;
    },
    check(deliveryId, fileId, expires, signature, now = Date.now()) {
      if (!/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
      if (!crypto.timingSafeEqual(mac(deliveryId, fileId, expires), Buffer.from(signature, 'hex'))) return 'invalid';
      return expires < now / 1000 ? 'expired' : 'valid';
    },
  };
}
