// A small in-process cache with a time-to-live and a size bound (least recently used goes first).
// Concurrent misses for one key share one load. A TTL of 0 turns caching off.

export interface Cache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** The value kept for the key, without loading one. */
  peek(key: string): Promise<V> | undefined;
  set(key: string, value: V): void;
  clear(): void;
}

export function createCache<V>({ ttlMs, max, now = Date.now }: { ttlMs: number; max: number; now?: () => number }): Cache<V> {
  const entries = new Map<string, { expires: number; value: Promise<V> }>();
  const peek = (key: string) => {
    const hit = entries.get(key);
    if (!hit || hit.expires <= now()) return undefined;
    entries.delete(key);
    entries.set(key, hit);
    return hit.value;
  };
  const store = (key: string, value: Promise<V>) => {
    if (ttlMs <= 0) return value;
    entries.set(key, { expires: now() + ttlMs, value });
    value.catch(() => entries.delete(key));
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
    return value;
  };
  return {
    get: (key, load) => peek(key) ?? store(key, load()),
    peek,
    set: (key, value) => void store(key, Promise.resolve(value)),
    clear: () => entries.clear(),
  };
}
