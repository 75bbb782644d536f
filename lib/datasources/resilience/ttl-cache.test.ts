import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('serves a value until its TTL passes', () => {
    let t = 0;
    const cache = createTtlCache<string>(1_000, () => t);
    cache.set('a', 'A');
    t = 999;
    expect(cache.get('a')).toBe('A');
    t = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('lets go of expired answers when new ones arrive, without being asked for them', () => {
    let t = 0;
    const cache = createTtlCache<string>(1_000, () => t);
    for (let i = 0; i < 100; i++) cache.set(`old-${i}`, 'x'.repeat(1_000));
    t = 2_000;
    cache.set('new', 'y');
    expect(cache.size()).toBe(1);
  });

  it('keeps at most maxEntries, dropping the oldest first', () => {
    const cache = createTtlCache<number>(60_000, () => 0, 3);
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i);
    expect(cache.size()).toBe(3);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k4')).toBe(4);
  });

  it('stores for a shorter time when asked, and not at all with no time left', () => {
    let t = 0;
    const cache = createTtlCache<string>(5_000, () => t);
    cache.set('short', 's', 100);
    cache.set('gone', 'g', 0);
    expect(cache.get('gone')).toBeUndefined();
    t = 100;
    expect(cache.get('short')).toBeUndefined();
  });
});
