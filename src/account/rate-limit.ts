// Limits on failed sign-ins (per account and per client address) and on account mails (per address),
// counted in the database so that every replica sees the same numbers. A lock lifts itself when the
// oldest event leaves the window.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import * as store from './store.ts';

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

export const DEFAULT_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMinutes: 15 };

export interface Lock {
  scope: 'account' | 'address';
  /** Minutes until the next attempt is allowed (rounded up, at least 1). */
  minutes: number;
}

export function loginLimiter(db: Kysely<Database>, limits: LoginLimits, now: () => Date, realm: 'citizen' | 'staff' = 'citizen') {
  // Accounts are counted per realm (a citizen and a case worker may share an address); addresses across both.
  const keysOf = (email: string, address: string) => ({
    account: `${realm === 'staff' ? 'staff:' : ''}account:${email.trim().toLowerCase()}`,
    address: `ip:${address}`,
  });
  const windowMs = limits.windowMinutes * 60_000;

  async function lockOf(scope: Lock['scope'], key: string, max: number): Promise<Lock | undefined> {
    const at = now();
    const { count, oldest } = await store.eventsSince(db, key, new Date(at.getTime() - windowMs));
    if (count < max || !oldest) return undefined;
    return { scope, minutes: Math.max(1, Math.ceil((oldest.getTime() + windowMs - at.getTime()) / 60_000)) };
  }

  return {
    /** Whether another attempt is allowed now; checked before the password is even looked at. */
    async locked(email: string, address: string): Promise<Lock | undefined> {
      const keys = keysOf(email, address);
      return (await lockOf('address', keys.address, limits.perAddress)) ?? (await lockOf('account', keys.account, limits.perAccount));
    },
    failed: (email: string, address: string) => store.recordEvents(db, Object.values(keysOf(email, address))),
    succeeded: (email: string) => store.clearEvents(db, keysOf(email, '').account),
  };
}

/** Account mails (confirmations, reset links) per address and hour: the forms cannot be used to flood a mailbox. */
export const MAILS_PER_ADDRESS_PER_HOUR = 5;

export function mailLimiter(db: Kysely<Database>, now: () => Date) {
  return {
    /** Whether another account mail may go to this address now; counts it if so. */
    async allow(address: string): Promise<boolean> {
      const key = `mail:${address.trim().toLowerCase()}`;
      const { count } = await store.eventsSince(db, key, new Date(now().getTime() - 3_600_000));
      if (count >= MAILS_PER_ADDRESS_PER_HOUR) return false;
      await store.recordEvents(db, [key]);
      return true;
    },
  };
}
