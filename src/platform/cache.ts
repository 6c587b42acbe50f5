// A small in-process cache with a time-to-live and a size bound (least recently used goes first).
// Concurrent misses for one key share one load. A TTL of 0 turns caching off.

export interface Cache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
}

export function createCache<V>({ ttlMs, max, now = Date.now }: { ttlMs: number; max: number; now?: () => number }): Cache<V> {
  const entries = new Map<string, { expires: number; value: Promise<V> }>();
  return {
    async get(key, load) {
      if (ttlMs <= 0) return load();
      const hit = entries.get(key);
      if (hit && hit.expires > now()) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = load();
      entries.set(key, { expires: now() + ttlMs, value });
      value.catch(() => entries.delete(key));
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear: () => entries.clear(),
  };
}
