import { describe, expect, it } from 'vitest';
import { createTraceViewCache } from './trace-view-cache';

function setup(over: Partial<Parameters<typeof createTraceViewCache<string>>[0]> = {}) {
  let t = 0;
  let loads = 0;
  const cache = createTraceViewCache<string>({ ttlMs: 1_000, maxEntries: 3, maxBytes: 100, sizeOf: (s) => s.length, now: () => t, ...over });
  const load = (key: string, value = `v-${key}`) => cache.load(key, async () => { loads++; return value; });
  return { cache, load, loads: () => loads, advance: (ms: number) => { t += ms; } };
}

describe('trace view cache', () => {
  it('shares one load between concurrent callers and serves it again within the TTL', async () => {
    const s = setup();
    const [a, b] = await Promise.all([s.load('t1'), s.load('t1')]);
    expect([a, b, s.loads()]).toEqual(['v-t1', 'v-t1', 1]);
    s.advance(999);
    await s.load('t1');
    expect(s.loads()).toBe(1);
  });

  it('loads again once the TTL has passed', async () => {
    const s = setup();
    await s.load('t1');
    s.advance(1_000);
    await s.load('t1');
    expect(s.loads()).toBe(2);
  });

  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const s = setup();
    for (const k of ['a', 'b', 'c', 'd']) await s.load(k);
    expect(s.cache.size()).toBe(3);
    await s.load('a');
    expect(s.loads()).toBe(5);
  });

  it('keeps the settled values under maxBytes', async () => {
    const s = setup();
    await s.load('a', 'x'.repeat(60));
    await s.load('b', 'y'.repeat(60));
    expect(s.cache.bytes()).toBe(60);
    expect(s.cache.size()).toBe(1);
    await s.load('b');
    expect(s.loads()).toBe(2);
  });

  it('does not keep a failed load: the next caller tries again', async () => {
    const s = setup();
    await expect(s.cache.load('bad', () => Promise.reject(new Error('jaeger down')))).rejects.toThrow('jaeger down');
    await Promise.resolve();
    expect(await s.load('bad')).toBe('v-bad');
  });
});
