/**
 * A small TTL cache for panel answers. Bounded: past `maxEntries` the oldest entry goes first, so
 * many distinct queries cannot grow the process without limit.
 */
export function createTtlCache<V>(ttlMs: number, now: () => number = Date.now, maxEntries = 1_000) {
  const entries = new Map<string, { expires: number; value: V }>();
  return {
    /** The value when present and fresh. */
    get(key: string): V | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    /** Stores a value for ttlMs. */
    set(key: string, value: V) {
      if (ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { expires: now() + ttlMs, value });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    size: () => entries.size,
  };
}
