import { describe, expect, it } from 'vitest';
import type { UnixMs } from '@/lib/datasources/types';
import { hasFiniteValues, loneSampleRows, niceCeil, toChartRows, yAxisDomain, type Row } from './chart-rows';

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

describe('niceCeil', () => {
  it('rounds a positive number up to 1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6 or 8 times a power of ten', () => {
    expect([0.0792, 0.55, 1, 1.01, 2.2, 2.5, 7.92, 985.5, 1000, 1001, 37_000].map(niceCeil)).toEqual([0.08, 0.6, 1, 1.2, 2.4, 3.2, 8, 1000, 1000, 1200, 40_000]);
  });

  it('gives a top whose quarters are round', () => {
    for (const x of [0.013, 0.7, 1.3, 2.1, 2.7, 3.5, 4.5, 6.5, 9, 130, 5000]) {
      const quarter = niceCeil(x) / 4;
      const mantissa = Number((quarter / 10 ** Math.floor(Math.log10(quarter))).toPrecision(6));
      expect([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8], `${x}`).toContain(mantissa);
    }
  });

  it('leaves zero, negatives and non-finite values as they are', () => {
    expect([0, -1.8, Infinity, NaN].map(niceCeil)).toEqual([0, -1.8, Infinity, NaN]);
  });
});

describe('yAxisDomain', () => {
  const ends = (d: ReturnType<typeof yAxisDomain>, dataMin: number, dataMax: number) => [typeof d[0] === 'function' ? d[0](dataMin) : d[0], typeof d[1] === 'function' ? d[1](dataMax) : d[1]];

  it('spans the data from 0 (or a round number below negative data) to a round number at or above its maximum', () => {
    const d = yAxisDomain({ thresholds: [], hasData: true });
    expect(ends(d, 0.2, 1.8)).toEqual([0, 2]);
    expect(ends(d, 0.21, 0.26)).toEqual([0, 0.32]);
    expect(ends(d, -3.3, 7)).toEqual([-4, 8]);
    expect(ends(d, 0, 0)).toEqual([0, 1]);
    expect(ends(d, -2.2, -1)).toEqual([-2.4, 0]);
  });

  it("keeps the dashboard's yMin and yMax", () => {
    expect(ends(yAxisDomain({ yMin: 0.5, thresholds: [], hasData: true }), 0.6, 0.9)).toEqual([0.5, 1]);
    expect(yAxisDomain({ yMin: 0, yMax: 1, thresholds: [], hasData: false })).toEqual([0, 1]);
    expect(yAxisDomain({ thresholds: [], hasData: false })).toEqual(['auto', 'auto']);
  });

  it('raises the data maximum to show the highest threshold with 10% headroom, and keeps a higher data maximum', () => {
    const d = yAxisDomain({ yMin: 0, thresholds: [0.5, 2], hasData: true });
    // 2.2, 5 and 985.5 end on round ticks.
    expect([ends(d, 0, 1), ends(d, 0, 5), ends(d, 0, 985.5)]).toEqual([[0, 2.4], [0, 6], [0, 1000]]);
  });

  it('without data, spans the thresholds themselves: from 0 (or a negative threshold) to the highest plus headroom', () => {
    expect(yAxisDomain({ thresholds: [0.0144], hasData: false })).toEqual([0, 0.016]);
    expect(yAxisDomain({ thresholds: [-4, -2], hasData: false })).toEqual([-4, -1.8]);
    expect(yAxisDomain({ thresholds: [0], hasData: false })).toEqual([0, 1]);
    expect(yAxisDomain({ yMin: 0.5, yMax: 3, thresholds: [9], hasData: false })).toEqual([0.5, 3]);
  });
});

describe('hasFiniteValues', () => {
  it('counts only finite values of the named series', () => {
    const rows: Row[] = [{ t: 0, s0: null, s1: 4 }, { t: 1, s0: null }];
    expect([hasFiniteValues(rows, [0]), hasFiniteValues(rows, [1]), hasFiniteValues(rows, [0, 1]), hasFiniteValues([], [0])]).toEqual([false, true, true, false]);
  });
});

describe('loneSampleRows', () => {
  it('finds a sample with gaps on both sides, which a broken line cannot draw', () => {
    const rows = toChartRows([s([0, 1], [60, 2], [600, 3], [1200, 4], [1260, 5])], 60);
    expect([...loneSampleRows(rows, 's0')].map((i) => rows[i]?.t)).toEqual([600_000]);
  });

  it('counts the window’s ends as gaps, and other series’ rows without this series as gaps too', () => {
    const rows: Row[] = [{ t: 0, s0: 7, s1: 1 }, { t: 1, s1: 2 }, { t: 2, s0: Infinity, s1: 3 }, { t: 3, s0: 9 }];
    expect([...loneSampleRows(rows, 's0')]).toEqual([0, 3]);
    expect([...loneSampleRows(rows, 's1')]).toEqual([]);
  });

  it('finds none in a continuous line or without data', () => {
    expect(loneSampleRows(toChartRows([s([0, 1], [60, 2])], 60), 's0').size).toBe(0);
    expect(loneSampleRows([], 's0').size).toBe(0);
  });
});
