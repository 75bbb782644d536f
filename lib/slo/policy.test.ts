import { describe, expect, it } from 'vitest';
import { formatPromDuration, parsePromDuration } from './duration';
import { findAlertPolicyProblems, resolveBurnRatePolicy, scaleBurnRatePolicy } from './policy';

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

  it('shrinks the windows of a 7-day SLO with its period (Pyrra), keeping the 28-day factors', () => {
    // Unscaled, 10% of a 7-day budget in 3 days would open tickets at 0.23×, a burn that never spends it.
    expect(pairs(7)).toEqual([
      ['page', '15m', '1m', 13.44],
      ['page', '1h30m', '8m', 5.6],
      ['ticket', '18h', '1h30m', expect.closeTo(0.933333333, 8)],
    ]);
    expect(resolveBurnRatePolicy({ window: { type: 'rolling', days: 7 } }).map((w) => w.budgetFraction)).toEqual([0.02, 0.05, 0.1]);
  });

  it('names every window canonically, so 60m and 1h are one window with one name', () => {
    const windows = resolveBurnRatePolicy({ window: { type: 'rolling', days: 30 }, alerting: [{ severity: 'ticket', longWindow: '360m', shortWindow: '60m', burnRate: 3 }] });
    expect(windows.map((w) => [w.longWindow, w.shortWindow])).toEqual([['6h', '1h']]);
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

  it('finds every unsound alert, located in the definition', () => {
    const problems = findAlertPolicyProblems({
      objective: 99.5,
      window: { type: 'rolling', days: 30 },
      alerting: [
        { severity: 'page', longWindow: '1h', shortWindow: '60m', burnRate: 14.4 },
        { severity: 'page', longWindow: '60m', shortWindow: '5m', burnRate: 14.4 },
        { severity: 'ticket', longWindow: '6h', shortWindow: '30m', burnRate: 250 },
      ],
    });
    expect(problems).toEqual([
      { path: ['alerting', 0, 'shortWindow'], message: 'must be shorter than the long window 1h, got 60m (= 1h)' },
      { path: ['alerting', 1, 'longWindow'], message: '60m (= 1h) is already the long window of alerting[0]; each alert needs its own long window' },
      { path: ['alerting', 2, 'burnRate'], message: 'the 6h/30m ticket alert can never fire: at 250× the 0.5% error budget it needs 125% of events to fail; use a burn rate below 200×' },
    ]);
  });

  it('refuses the default policy for an objective so low that its fast page could never fire', () => {
    // 14.4 × 10% = 144% errors: the 1h page needs more than every request to fail.
    expect(findAlertPolicyProblems({ objective: 90, window: { type: 'rolling', days: 30 } })).toEqual([
      {
        path: ['objective'],
        message: 'the 1h/5m page alert can never fire: at 14.4× the 10% error budget it needs 144% of events to fail; set "alerting" with burn rates below 10×, or raise the objective',
      },
    ]);
    expect(findAlertPolicyProblems({ objective: 93.1, window: { type: 'rolling', days: 30 } })).toEqual([]);
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
