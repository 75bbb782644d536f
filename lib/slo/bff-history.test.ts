import { describe, expect, it } from 'vitest';
import { listMonthlyCompliance, toMonthKey } from './bff-history';
import { parsePromDuration } from './duration';
import type { SloQueryDeps } from './status';
import { makePaymentSlo, PAYMENT_GOOD, PAYMENT_VALID } from './test-slo';

// A fake Prometheus that knows each month's events (an increase over a whole month, ending at its
// end or now) and has samples from DATA_START on. Objective 99.5%.

// Off the hour, and six months back crosses a year.
const NOW = Date.UTC(2027, 0, 15, 12, 30);
const DATA_START = Date.UTC(2026, 9, 10);
const slo = makePaymentSlo();

const EVENTS: Record<string, { valid: number; bad: number }> = {
  '2027-01': { valid: 1_000, bad: 0 },
  // 200 bad of 28,000 is 99.29%: missed.
  '2026-12': { valid: 28_000, bad: 200 },
  // 5 bad of 1,000 is exactly 99.5%: met.
  '2026-11': { valid: 1_000, bad: 5 },
  // Data from the 10th: 22 of 31 days covered.
  '2026-10': { valid: 1_000, bad: 0 },
};

function fakeDeps(): SloQueryDeps & { ranges: string[] } {
  const ranges: string[] = [];
  return {
    ranges,
    async queryInstant(expr, timeMs) {
      const window = /\[(\w+)\]/.exec(expr)?.[1] ?? '0s';
      const e = EVENTS[toMonthKey(timeMs - parsePromDuration(window))];
      if (!e) return null;
      if (expr === `sum(increase(${PAYMENT_VALID}[${window}]))`) return e.valid;
      if (expr === `sum(increase(${PAYMENT_GOOD}[${window}]))`) return e.valid - e.bad;
      throw new Error(`unexpected query ${expr}`);
    },
    async queryRange(expr, startMs, endMs, stepSeconds) {
      ranges.push(expr);
      const points: { t: number; value: number | null }[] = [];
      for (let t = startMs; t <= endMs; t += stepSeconds * 1000) points.push({ t, value: t - stepSeconds * 1000 >= DATA_START ? 1 : null });
      return points;
    },
    async hasRecordingRules() {
      return false;
    },
  };
}

describe('listMonthlyCompliance', () => {
  it('judges each calendar month on its own, newest first across a year; exactly at the objective is met, as in the status', async () => {
    const months = await listMonthlyCompliance(slo, fakeDeps(), NOW, 6);
    expect(months.map((m) => [m.month, m.verdict, m.partial])).toEqual([
      ['2027-01', 'met', true],
      ['2026-12', 'missed', false],
      ['2026-11', 'met', false],
      ['2026-10', 'partial_data', false],
      ['2026-09', 'no_data', false],
      ['2026-08', 'no_data', false],
    ]);
    expect(months[1]?.sli).toBeCloseTo(1 - 200 / 28_000, 12);
    // 200 bad of 140 allowed.
    expect(months[1]?.budgetSpent).toBeCloseTo(200 / 140, 9);
    expect(months[4]).toMatchObject({ sli: null, validCount: null, budgetSpent: null, coverage: 0 });
  });

  it('measures every month\'s coverage with one range query: whole months, the current one so far, one begun late in part', async () => {
    const deps = fakeDeps();
    const months = await listMonthlyCompliance(slo, deps, NOW, 6);
    expect(deps.ranges).toEqual([`sum(increase(${PAYMENT_VALID}[3600s]))`]);
    expect(months.map((m) => m.coverage)).toEqual([1, 1, 1, expect.closeTo(22 / 31, 9), 0, 0]);
  });
});
