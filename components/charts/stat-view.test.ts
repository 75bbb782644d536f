import { describe, expect, it } from 'vitest';
import type { Sample, UnixMs } from '@/lib/datasources/types';
import { sparklinePath } from './stat-view';

const window = { start: 0 as UnixMs, end: 100_000 as UnixMs, stepSeconds: 10 };
const at = (...points: [number, number | null][]): Sample[] => points.map(([s, value]) => ({ t: (s * 1000) as UnixMs, value }));

describe('sparklinePath', () => {
  it('spans the panel window, lowest value at the bottom and highest at the top', () => {
    expect(sparklinePath(at([50, 1], [60, 3], [70, 2]), window)).toEqual({ line: 'M50.00,28.00 L60.00,2.00 L70.00,15.00', lone: '' });
  });

  it('breaks the line where samples are missing (more than a step apart) or a value is null or infinite', () => {
    // 10 → 40 s is a hole of Prometheus' (no samples), 50 a null, 70 +Inf.
    const d = sparklinePath(at([0, 1], [10, 1], [40, 2], [50, null], [60, 2], [70, Infinity], [80, 1], [90, 1]), window);
    expect(d?.line.split(' ').map((c) => c[0]).join('')).toBe('MLML');
    expect(d?.lone).toBe('M40.00,2.00 h0 M60.00,2.00 h0');
  });

  it('draws a sample alone between breaks as a dot (a zero-length segment with round caps)', () => {
    expect(sparklinePath(at([0, 1], [10, 2], [40, 3], [70, 2], [80, 1]), window)).toEqual({ line: 'M0.00,28.00 L10.00,15.00 M70.00,15.00 L80.00,28.00', lone: 'M40.00,2.00 h0' });
    expect(sparklinePath(at([0, null], [50, 5]), window)).toEqual({ line: '', lone: 'M50.00,14.00 h0' });
  });

  it('draws a flat line mid-height for a constant value, and nothing without a value', () => {
    expect(sparklinePath(at([0, 5], [10, 5]), window)).toEqual({ line: 'M0.00,14.00 L10.00,14.00', lone: '' });
    expect(sparklinePath(at([0, null], [10, Infinity]), window)).toBeNull();
    expect(sparklinePath([], window)).toBeNull();
  });
});
