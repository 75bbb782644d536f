import { describe, expect, it } from 'vitest';
import type { TimeSeries, UnixMs } from '@/lib/datasources/types';
import { lastActiveRange, LAST_ACTIVE_LOOKBACK_MS, LAST_ACTIVE_STEP_SECONDS, toAlertsSelector, toLastActivePeriod, toLastActiveQuery } from './last-active';

const MIN = 60_000;
const series = (state: string, minutes: number[]): TimeSeries => ({ id: state, name: state, labels: { alertstate: state }, samples: minutes.map((m) => ({ t: (m * MIN) as UnixMs, value: 1 })) });

describe('lastActiveRange', () => {
  it('ends at now on the step grid, so the last point read covers an alert that resolved seconds ago', () => {
    const now = 1_795_360_355_123;
    const r = lastActiveRange(now, 61);
    expect(r.end).toBe(now);
    expect((r.end - r.start) % 61_000).toBe(0);
    expect(r.end - r.start).toBeGreaterThanOrEqual(LAST_ACTIVE_LOOKBACK_MS);
    expect(r.end - r.start).toBeLessThan(LAST_ACTIVE_LOOKBACK_MS + 61_000);
  });
});

describe('toLastActiveQuery', () => {
  it('looks at every evaluation within each step, so an alert active for less than a step is not missed', () => {
    expect(toLastActiveQuery('Burn', { service: 'payment' }, 61)).toBe('max_over_time(ALERTS{alertname="Burn",service="payment"}[61s])');
  });
});

describe('toAlertsSelector', () => {
  it("selects the alert's ALERTS series by alertname and labels, escaped, in either state", () => {
    expect(toAlertsSelector('Burn', { service: 'pay"ment', alertname: 'ignored', alertstate: 'firing', 'bad-name': 'x' })).toBe('ALERTS{alertname="Burn",service="pay\\"ment"}');
  });
});

describe('toLastActivePeriod', () => {
  it('finds the last period the alert was pending or firing', () => {
    // Active from 10 to 14 (pending 10-11, firing 12-14), then again from 30 (pending) to 34 (firing).
    const p = toLastActivePeriod([series('pending', [10, 11, 30, 31]), series('firing', [12, 13, 14, 32, 33, 34])], 60);
    expect(p).toEqual({ start: 30 * MIN, end: 34 * MIN });
  });

  it('is null when the alert was not active', () => {
    expect(toLastActivePeriod([], 60)).toBeNull();
  });

  it('reads a week at most 10,000 points', () => {
    expect(LAST_ACTIVE_LOOKBACK_MS / 1000 / LAST_ACTIVE_STEP_SECONDS).toBeLessThanOrEqual(10_000);
  });
});
