import { describe, expect, it } from 'vitest';
import type { Sample, UnixMs } from '@/lib/datasources/types';
import { sparklinePath } from './stat-view';

const window = { start: 0 as UnixMs, end: 100_000 as UnixMs, stepSeconds: 10 };
const at = (...points: [number, number | null][]): Sample[] => points.map(([s, value]) => ({ t: (s * 1000) as UnixMs, value }));

describe('sparklinePath', () => {
  it('spans the panel window, lowest value at the bottom and highest at the top', () => {
    expect(sparklinePath(at([50, 1], [60, 3], [70, 2]), window)).toBe('M50.00,28.00 L60.00,2.00 L70.00,15.00');
  });

  it('breaks the line where samples are missing (more than a step apart) or a value is null or infinite', () => {
    // 10 → 40 s is a hole of Prometheus' (no samples), 50 a null, 70 +Inf.
    const d = sparklinePath(at([0, 1], [10, 1], [40, 2], [50, null], [60, 2], [70, Infinity], [80, 1], [90, 1]), window);
    expect(d?.split(' ').map((c) => c[0]).join('')).toBe('MLMMML');
  });

  it('draws a flat line mid-height for a constant value, and nothing with fewer than two values', () => {
    expect(sparklinePath(at([0, 5], [10, 5]), window)).toBe('M0.00,14.00 L10.00,14.00');
    expect(sparklinePath(at([0, 5], [10, null]), window)).toBeNull();
  });
});
