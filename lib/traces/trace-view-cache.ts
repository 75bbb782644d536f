/**
 * A small cache of loads in flight and their results, for the trace view: the page starts loading
 * a trace while the browser is still fetching scripts, and the browser's request then shares that
 * load instead of asking Jaeger again. Bounded three ways: a TTL, a number of entries and a total
 * size (the sizes of settled values); the oldest entries go first. Failed loads are not kept.
 * It holds nothing that matters: losing it only costs a fresh load.
 */

export interface TraceViewCacheOptions<V> {
  ttlMs: number;
  maxEntries: number;
  /** Upper bound on the summed `sizeOf` of settled values. */
  maxBytes: number;
  sizeOf: (value: V) => number;
  now?: () => number;
}

interface Entry<V> {
  expires: number;
  bytes: number;
  value: Promise<V>;
}

/** Creates the cache; `load(key, fn)` returns the cached or in-flight value, else starts `fn`. */
export function createTraceViewCache<V>({ ttlMs, maxEntries, maxBytes, sizeOf, now = Date.now }: TraceViewCacheOptions<V>) {
  const entries = new Map<string, Entry<V>>();
  let bytes = 0;

  const drop = (key: string, entry: Entry<V>) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const evict = () => {
    const t = now();
    for (const [key, e] of entries) if (e.expires <= t) drop(key, e);
    // Map order is insertion order: the first entry is the oldest.
    for (const [key, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(key, e);
    }
  };

  return {
    load(key: string, fn: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      if (hit) drop(key, hit);
      const entry: Entry<V> = { expires: now() + ttlMs, bytes: 0, value: fn() };
      entries.set(key, entry);
      entry.value.then(
        (v) => {
          if (entries.get(key) !== entry) return;
          entry.bytes = sizeOf(v);
          bytes += entry.bytes;
          evict();
        },
        () => drop(key, entry),
      );
      evict();
      return entry.value;
    },
    /** Drops every entry. */
    clear() {
      entries.clear();
      bytes = 0;
    },
    size: () => entries.size,
    bytes: () => bytes,
  };
}
