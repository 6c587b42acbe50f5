// The staff sessions a web process has looked up, so that a case worker's next request needs no
// database round trip for who they are (on a busy inbox a third of its statements). Kept only while
// the process hears every change: PostgreSQL notifies on commit of any change to staff accounts,
// their offices or sessions (migration 0017), and the cache is then emptied in every process. While
// that notification connection is down (and on PGlite, where there is nothing to listen to) every
// lookup goes to the database. Changes made through this process empty it at once; an entry lives
// at most `ttlMs` in any case. Only found sessions are kept, never "no such session".
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Notifications } from '../../platform/db/notifications.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type findSessionWithUser, notifyStaff } from './store.ts';

export type FoundSession = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

export const STAFF_CHANNEL = 'amtsweg_staff';

export interface SessionCache {
  /** The session of `tokenHash`, kept or loaded. */
  get(tokenHash: string, load: () => Promise<FoundSession | undefined>): Promise<FoundSession | undefined>;
  /** The session was seen at `at` (its `last_seen_at` was written). */
  seen(tokenHash: string, at: Date): void;
  /** Something about staff changed: forget everything. */
  clear(): void;
}

const frozen = (found: FoundSession): FoundSession => {
  Object.freeze(found.user.roles);
  Object.freeze(found.user.organisationIds);
  Object.freeze(found.user);
  return found;
};

export function createSessionCache({ ttlMs, max, now = Date.now }: { ttlMs: number; max: number; now?: () => number }): SessionCache & {
  /** Keep sessions from now on (notifications arrive). */
  enable(): void;
  /** Keep nothing (notifications may be lost). */
  disable(): void;
} {
  const entries = new Map<string, { at: number; found: FoundSession }>();
  let enabled = false;
  // Changes while a lookup is under way: what it read may be older than the change.
  let generation = 0;
  const clear = () => {
    generation++;
    entries.clear();
  };
  return {
    async get(tokenHash, load) {
      const hit = enabled ? entries.get(tokenHash) : undefined;
      if (hit && now() - hit.at < ttlMs) return hit.found;
      const before = generation;
      const found = await load();
      if (found && enabled && before === generation) {
        entries.delete(tokenHash);
        entries.set(tokenHash, { at: now(), found: frozen(found) });
        if (entries.size > max) entries.delete(entries.keys().next().value as string);
      }
      return found;
    },
    seen(tokenHash, at) {
      const hit = entries.get(tokenHash);
      if (hit) entries.set(tokenHash, { at: hit.at, found: { ...hit.found, last_seen_at: at } });
    },
    clear,
    enable() {
      clear();
      enabled = true;
    },
    disable() {
      enabled = false;
      clear();
    },
  };
}

/**
 * A cache kept only while `notifications` listens on the staff channel. Listening alone proves
 * nothing (behind a pooler in transaction mode LISTEN succeeds and hears nothing), so each time it
 * starts, a probe is sent through `send` (the normal connections) and sessions are kept only once
 * that probe has come back. Returns the cache and how to stop.
 */
export function listeningSessionCache(
  notifications: Notifications,
  send: (payload: string) => Promise<unknown>,
  options: { ttlMs: number; max: number },
): { cache: SessionCache; stop: () => void } {
  const cache = createSessionCache(options);
  let probe: string | undefined;
  const stop = notifications.on(STAFF_CHANNEL, {
    notify(payload) {
      if (probe !== undefined && payload === probe) {
        probe = undefined;
        cache.enable();
      } else cache.clear();
    },
    up() {
      const sent = `probe:${crypto.randomUUID()}`;
      probe = sent;
      send(sent).catch(() => {
        if (probe === sent) probe = undefined;
      });
    },
    down() {
      probe = undefined;
      cache.disable();
    },
  });
  return { cache, stop };
}

/** The back office's cache: 30 seconds at most, 10,000 sessions. */
export const staffSessionCache = (notifications: Notifications, db: Kysely<Database>) =>
  listeningSessionCache(notifications, (payload) => notifyStaff(db, STAFF_CHANNEL, payload), { ttlMs: 30_000, max: 10_000 });
