import { describe, expect, it } from 'vitest';
import type { UnixMs } from '@/lib/datasources/types';
import { toChartRows } from './chart-rows';

const s = (...points: [number, number | null][]) => ({ samples: points.map(([t, value]) => ({ t: (t * 1000) as UnixMs /* test data in seconds, converted here */, value })) });

describe('toChartRows', () => {
  it('lines several series up on shared, sorted time rows', () => {
    expect(toChartRows([s([2, 1], [1, 0]), s([1, 5])], 1)).toEqual([
      { t: 1000, s0: 0, s1: 5 },
      { t: 2000, s0: 1 },
    ]);
  });

  it('breaks the line where a series misses more than one step, instead of bridging the gap', () => {
    const rows = toChartRows([s([0, 1], [60, 2], [600, 3])], 60);
    expect(rows).toEqual([{ t: 0, s0: 1 }, { t: 60_000, s0: 2 }, { t: 120_000, s0: null }, { t: 600_000, s0: 3 }]);
  });

  it('keeps NaN-as-null samples as gaps and adds nothing without a step', () => {
    expect(toChartRows([s([0, 1], [600, null])])).toEqual([{ t: 0, s0: 1 }, { t: 600_000, s0: null }]);
  });

  it('breaks the line at an infinite value, which no axis can show', () => {
    expect(toChartRows([s([0, 1], [60, Infinity], [120, -Infinity], [180, 2])], 60)).toEqual([
      { t: 0, s0: 1 },
      { t: 60_000, s0: null },
      { t: 120_000, s0: null },
      { t: 180_000, s0: 2 },
    ]);
  });
});
