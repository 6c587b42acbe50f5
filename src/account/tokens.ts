// One-time tokens for links in mails (confirm an address, reset a password, claim an application):
// the mail holds the secret, the database its hash, and a token works once until it expires.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { hashSecret, isSecret, newSecret } from '../platform/secrets.ts';
import * as store from './store.ts';

export type TokenPurpose = 'verify' | 'reset' | 'email' | 'claim';

export function linkTokens(db: Kysely<Database>, now: () => Date) {
  return {
    async issue(accountId: string, purpose: TokenPurpose, hours: number, payload?: Record<string, string>): Promise<string> {
      const { secret, hash } = newSecret();
      await store.createToken(db, { tokenHash: hash, accountId, purpose, payload, expiresAt: new Date(now().getTime() + hours * 3_600_000) });
      return secret;
    },
    /**
     * Uses up a token; undefined if it is unknown, used, expired, for another purpose, or (when
     * `accountId` is given) issued to another account, which then leaves it unused.
     */
    async use(token: unknown, purpose: TokenPurpose, accountId?: string): Promise<{ accountId: string; payload: Record<string, string> } | undefined> {
      if (!isSecret(token)) return undefined;
      const used = await store.useToken(db, hashSecret(token), purpose, now(), accountId);
      return used ? { accountId: used.account_id, payload: used.payload } : undefined;
    },
  };
}

export type LinkTokens = ReturnType<typeof linkTokens>;
