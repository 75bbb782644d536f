import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = Array.from({ length: 5 }, createSeededRandom(42));
    const b = Array.from({ length: 5 }, createSeededRandom(42));
    const c = Array.from({ length: 5 }, createSeededRandom(43));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('stays in [0, 1) and spreads over the interval', () => {
    const r = createSeededRandom(7);
    const xs = Array.from({ length: 10_000 }, () => r());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
