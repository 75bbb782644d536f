/**
 * A small TTL cache (panel answers, resolved principals). Bounded: past `maxEntries` the oldest entry goes first, so
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
    /** Stores a value for ttlMs (or a shorter `forMs`, e.g. what is left of a credential's life). */
    set(key: string, value: V, forMs = ttlMs) {
      entries.delete(key);
      if (ttlMs <= 0 || forMs <= 0) return;
      const t = now();
      // Drop expired entries from the oldest end, so that a stream of one-off keys (explore queries)
      // does not keep up to maxEntries dead answers in memory until they are asked for again.
      for (const [k, e] of entries) {
        if (e.expires > t) break;
        entries.delete(k);
      }
      entries.set(key, { expires: t + Math.min(ttlMs, forMs), value });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    /** Drops one entry. */
    delete: (key: string) => void entries.delete(key),
    /** Drops every entry. */
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}
