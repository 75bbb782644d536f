import { describe, expect, it } from 'vitest';
import { formatPromDuration, parsePromDuration } from './duration';
import { resolveBurnRatePolicy, scaleBurnRatePolicy } from './policy';

const pairs = (days: 7 | 28 | 30) =>
  resolveBurnRatePolicy({ window: { type: 'rolling', days } }).map((w) => [w.severity, w.longWindow, w.shortWindow, w.burnRate]);

describe('burn-rate policy', () => {
  it('gives a 30-day SLO exactly the SRE Workbook table', () => {
    expect(pairs(30)).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '3d', '6h', 1],
    ]);
  });

  it('scales the factors to a 28-day period from the same budget fractions', () => {
    // 0.02 × 672h / 1h, 0.05 × 672h / 6h, 0.1 × 672h / 72h
    expect(pairs(28)).toEqual([
      ['page', '1h', '5m', 13.44],
      ['page', '6h', '30m', 5.6],
      ['ticket', '3d', '6h', expect.closeTo(0.933333333, 8)],
    ]);
  });

  it('keeps an override and derives the budget it spends', () => {
    const [w] = resolveBurnRatePolicy({ window: { type: 'rolling', days: 30 }, alerting: [{ severity: 'page', longWindow: '2h', shortWindow: '10m', burnRate: 9 }] });
    // 9 × 2h / 720h = 2.5% of the budget.
    expect(w?.budgetFraction).toBeCloseTo(0.025, 12);
    expect(w?.longMs).toBe(2 * 3_600_000);
  });

  it('rejects a short window that is not shorter than the long one', () => {
    expect(() => resolveBurnRatePolicy({ window: { type: 'rolling', days: 30 }, alerting: [{ severity: 'page', longWindow: '5m', shortWindow: '1h', burnRate: 2 }] })).toThrow(/shorter/);
  });

  it('compresses windows for timeline tests but keeps the factors', () => {
    const scaled = scaleBurnRatePolicy(resolveBurnRatePolicy({ window: { type: 'rolling', days: 30 } }), 60);
    expect(scaled.map((w) => [w.longWindow, w.shortWindow, w.burnRate])).toEqual([
      ['1m', '5s', 14.4],
      ['6m', '30s', 6],
      ['1h12m', '6m', 1],
    ]);
  });
});

describe('Prometheus durations', () => {
  it('round-trips compound durations', () => {
    expect(parsePromDuration('1h30m')).toBe(5_400_000);
    expect(formatPromDuration(5_400_000)).toBe('1h30m');
    expect(formatPromDuration(1_500)).toBe('1s500ms');
    expect(() => parsePromDuration('5 minutes')).toThrow();
  });
});
