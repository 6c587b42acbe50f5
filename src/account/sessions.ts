// Server-side sessions of signed-in citizens: the browser holds a random token, the database its
// hash with the account, the trust level of the sign-in and the identity data the IdP vouched for.
import type { Kysely } from 'kysely';
import type { Database, TrustLevel } from '../platform/db/schema.ts';
import { hashSecret, isSecret, newSecret } from '../platform/secrets.ts';
import * as store from './store.ts';

export interface SessionSettings {
  /** Minutes without a request after which a session ends. */
  idleMinutes: number;
  /** Hours after sign-in after which a session ends whatever happens. */
  maxHours: number;
}

export interface SignIn {
  accountId: string;
  trustLevel: TrustLevel;
  /** What the identity provider confirmed (names, birth date, address), for prefill. */
  identity?: Record<string, string>;
  userAgent: string;
}

export interface Session extends store.SessionRecord {
  tokenHash: string;
}

// Writing last_seen_at on every request would turn each page view into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

export function sessions(db: Kysely<Database>, settings: SessionSettings, now: () => Date) {
  /** Starts a new session (a new token every sign-in: no fixation) and returns its token. */
  async function start(signIn: SignIn): Promise<string> {
    const { secret, hash } = newSecret();
    const expiresAt = new Date(now().getTime() + settings.maxHours * 3_600_000);
    await store.createSession(db, { tokenHash: hash, identity: signIn.identity ?? {}, expiresAt, ...signIn });
    return secret;
  }

  /** The live session behind a token; an idle or expired one is deleted and not returned. */
  async function resume(token: string | undefined): Promise<Session | undefined> {
    if (!isSecret(token)) return undefined;
    const tokenHash = hashSecret(token);
    const found = await store.findSession(db, tokenHash);
    if (!found) return undefined;
    const at = now();
    if (found.expiresAt <= at || at.getTime() - found.lastSeenAt.getTime() > settings.idleMinutes * 60_000) {
      await store.deleteSession(db, tokenHash);
      return undefined;
    }
    if (at.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await store.touchSession(db, tokenHash, at);
    return { ...found, tokenHash };
  }

  return {
    start,
    resume,
    end: (session: Session) => store.deleteSession(db, session.tokenHash),
    endAll: (accountId: string, except?: Session) => store.deleteSessionsOf(db, accountId, except?.tokenHash),
  };
}

export type Sessions = ReturnType<typeof sessions>;
