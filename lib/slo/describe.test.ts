import { describe, expect, it } from 'vitest';
import { formatApproxDuration, formatSliPercent } from './describe';

describe('plain-words formatting', () => {
  it('never rounds an SLI up to its objective or to 100%', () => {
    expect(formatSliPercent(0.99899)).toBe('99.89%');
    expect(formatSliPercent(0.999999)).toBe('99.99%');
    expect(formatSliPercent(1)).toBe('100.00%');
    expect(formatSliPercent(0.9993)).toBe('99.93%');
  });

  it('rounds durations to the largest sensible unit', () => {
    expect(formatApproxDuration(77_760)).toBe('about 22 hours');
    expect(formatApproxDuration(3 * 86_400)).toBe('about 3 days');
    expect(formatApproxDuration(60)).toBe('about 1 minute');
    expect(formatApproxDuration(20)).toBe('less than a minute');
  });
});
