import { describe, expect, it } from 'vitest';
import {
  computeBudgetFraction,
  computeBudgetSpent,
  computeBurnDown,
  computeBurnRate,
  computeErrorRatio,
  computeIncrease,
  computeMonthlyCompliance,
  computeSli,
  listCalendarMonths,
  meetsObjective,
  summarizeBudget,
  type CounterSample,
} from './math';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const series = (startMs: number, stepMs: number, values: (number | null)[]): CounterSample[] =>
  values.map((value, i) => ({ t: startMs + i * stepMs, value }));

describe('SLI and burn rate', () => {
  it('computes the SLI as good over valid', () => {
    expect(computeSli(9_950, 10_000)).toBeCloseTo(0.995, 12);
    expect(computeErrorRatio(9_950, 10_000)).toBeCloseTo(0.005, 12);
  });

  it('reports no data, not 100%, when there was no traffic', () => {
    expect(computeSli(0, 0)).toBeNull();
    expect(computeErrorRatio(0, 0)).toBeNull();
    expect(computeBurnRate(null, 99.9)).toBeNull();
    expect(summarizeBudget({ good: 0, valid: 0, objectivePercent: 99.9, windowMs: 30 * DAY })).toBeNull();
  });

  it('turns an objective into a budget without float noise', () => {
    expect(computeBudgetFraction(99.9)).toBe(0.001);
    expect(computeBudgetFraction(99.5)).toBe(0.005);
    expect(computeBudgetFraction(99)).toBe(0.01);
  });

  it('gives burn rate 1 when errors run exactly at the budget and 14.4 at 14.4 times it', () => {
    expect(computeBurnRate(0.001, 99.9)).toBeCloseTo(1, 12);
    expect(computeBurnRate(0.0144, 99.9)).toBeCloseTo(14.4, 12);
    expect(computeBurnRate(0, 99.9)).toBe(0);
  });
});

describe('error budget', () => {
  it('expresses the budget as a fraction, as bad events and as outage time', () => {
    // 30 days, 1,000,000 requests, 99.9% → 1,000 bad allowed; 250 bad → 75% left.
    // Traffic averages 1e6 / 2,592,000 s ≈ 0.3858 req/s, so 750 bad events ≈ 1944 s of total outage.
    const b = summarizeBudget({ good: 999_750, valid: 1_000_000, objectivePercent: 99.9, windowMs: 30 * DAY });
    expect(b).not.toBeNull();
    expect(b?.sli).toBeCloseTo(0.99975, 12);
    expect(b?.allowedBadEvents).toBeCloseTo(1_000, 6);
    expect(b?.badEvents).toBeCloseTo(250, 6);
    expect(b?.remainingBadEvents).toBeCloseTo(750, 6);
    expect(b?.consumedFraction).toBeCloseTo(0.25, 9);
    expect(b?.remainingFraction).toBeCloseTo(0.75, 9);
    expect(b?.remainingOutageMs).toBeCloseTo(1_944_000, 0);
  });

  it('uses the current traffic for outage time when given', () => {
    // 750 bad events left at 10 req/s → 75 s of total outage.
    const b = summarizeBudget({ good: 999_750, valid: 1_000_000, objectivePercent: 99.9, windowMs: 30 * DAY, validPerSecond: 10 });
    expect(b?.remainingOutageMs).toBeCloseTo(75_000, 6);
  });

  it('goes negative once the objective is missed', () => {
    // 99.5% objective, 1,000 requests, 10 bad (99.0%) → twice the budget spent.
    const b = summarizeBudget({ good: 990, valid: 1_000, objectivePercent: 99.5, windowMs: 30 * DAY });
    expect(b?.remainingFraction).toBeCloseTo(-1, 9);
    expect(b?.remainingBadEvents).toBeCloseTo(-5, 9);
    expect(b?.remainingOutageMs).toBe(0);
  });

  it('meets the objective exactly at it: none left, never a hair over', () => {
    // 1 − 995/1000 is 0.0050000000000000044 in floating point.
    expect(meetsObjective(1 - 995 / 1_000, 99.5)).toBe(true);
    expect(meetsObjective(1 - 99_990 / 100_000, 99.99)).toBe(true);
    expect(meetsObjective(1 - 994 / 1_000, 99.5)).toBe(false);
    const b = summarizeBudget({ good: 995, valid: 1_000, objectivePercent: 99.5, windowMs: 30 * DAY });
    expect(b?.remainingFraction).toBe(0);
    expect(b?.remainingBadEvents).toBe(0);
    expect(b?.consumedFraction).toBe(1);
    expect(summarizeBudget({ good: 994, valid: 1_000, objectivePercent: 99.5, windowMs: 30 * DAY })?.remainingFraction).toBeLessThan(0);
  });

  it('says how much of the budget an interval spent', () => {
    // 40 bad events during an incident; the 30 days saw 100,000 requests at 99.5% → 500 allowed → 8%.
    expect(computeBudgetSpent(40, 100_000, 99.5)).toBeCloseTo(0.08, 12);
    expect(computeBudgetSpent(40, 0, 99.5)).toBeNull();
  });
});

describe('counter increase', () => {
  it('treats a drop as a counter reset and keeps the events after it', () => {
    // 0 → 100 → 150, restart, 30 → 80: increase 150 + 30 + 50 = 230.
    const s = series(0, 60_000, [0, 100, 150, 30, 80]);
    expect(computeIncrease(s, 0, 240_000).increase).toBe(230);
  });

  it('reports how much of the window the data covers', () => {
    // Window of 10 minutes, data only for the last 4 (five samples a minute apart).
    const s = series(6 * 60_000, 60_000, [0, 10, 20, 30, 40]);
    const { increase, coverage } = computeIncrease(s, 0, 10 * 60_000);
    expect(increase).toBe(40);
    expect(coverage.coveredMs).toBe(4 * 60_000);
    expect(coverage.fraction).toBeCloseTo(0.4, 12);
  });

  it('counts events across a scrape gap but not the gap as covered', () => {
    // Samples every minute, a 5-minute hole between 2 and 7 minutes.
    const s = series(0, 60_000, [0, 10, 20, null, null, null, null, 70, 80]);
    const { increase, coverage } = computeIncrease(s, 0, 8 * 60_000);
    expect(increase).toBe(80);
    expect(coverage.coveredMs).toBe(3 * 60_000);
  });
});

describe('burn-down', () => {
  it('starts full, falls with each bad event and ends at the remaining budget', () => {
    // 99% objective, 1,000 valid over the window → 10 bad allowed. 2 bad, then 3 bad → 80%, then 50%.
    const valid = series(0, HOUR, [0, 250, 500, 750, 1_000]);
    const good = series(0, HOUR, [0, 250, 498, 748, 995]);
    const points = computeBurnDown(good, valid, 99);
    expect(points.map((p) => p.remainingFraction)).toEqual([1, 1, expect.closeTo(0.8, 9), expect.closeTo(0.8, 9), expect.closeTo(0.5, 9)]);
  });

  it('survives a counter reset in the middle', () => {
    // valid restarts after 500 (→ 100); good restarts after 495 (→ 100): 5 bad in total of 700 valid.
    const valid = series(0, HOUR, [0, 500, 100, 200]);
    const good = series(0, HOUR, [0, 495, 100, 200]);
    const points = computeBurnDown(good, valid, 99);
    // 7 bad allowed (1% of 700); 5 bad spent → 2/7 left.
    expect(points.at(-1)?.remainingFraction).toBeCloseTo(2 / 7, 9);
  });

  it('leaves gaps and the time before the first data as no data', () => {
    const valid = series(0, HOUR, [null, 0, 100, null, 200]);
    const good = series(0, HOUR, [null, 0, 100, null, 199]);
    const points = computeBurnDown(good, valid, 99);
    expect(points.map((p) => p.remainingFraction)).toEqual([null, 1, 1, null, expect.closeTo(0.5, 9)]);
  });

  it('is all no data without traffic', () => {
    const flat = series(0, HOUR, [5, 5, 5]);
    expect(computeBurnDown(flat, flat, 99).every((p) => p.remainingFraction === null)).toBe(true);
  });
});

describe('calendar-month compliance', () => {
  it('lists UTC months, crossing a year', () => {
    const months = listCalendarMonths(Date.UTC(2025, 10, 20), Date.UTC(2026, 1, 3));
    expect(months.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(months[1]?.endMs).toBe(Date.UTC(2026, 0, 1));
  });

  it('splits events by month and judges each month on its own', () => {
    // Daily samples from 30 Jan to 3 Mar 2026 UTC; 1,000 valid per day; the step from sample i to
    // i+1 covers day i. January (30th, 31st): 2,000 valid, 4 bad → 99.8% meets 99.5%.
    // February (28 days): 28,000 valid, 10 bad on each of the first 20 days → 99.2857% misses.
    // March (1st, 2nd): 2,000 valid, 0 bad.
    const start = Date.UTC(2026, 0, 30);
    const valid: CounterSample[] = [];
    const good: CounterSample[] = [];
    let v = 0;
    let g = 0;
    for (let i = 0; i <= 32; i++) {
      valid.push({ t: start + i * DAY, value: v });
      good.push({ t: start + i * DAY, value: g });
      const t = new Date(start + i * DAY);
      const bad = t.getUTCMonth() === 0 ? 2 : t.getUTCMonth() === 1 ? (t.getUTCDate() <= 20 ? 10 : 0) : 0;
      v += 1_000;
      g += 1_000 - bad;
    }
    const months = computeMonthlyCompliance(good, valid, 99.5, start, start + 32 * DAY);
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const [jan, feb, mar] = months;
    expect(jan?.valid).toBe(2_000);
    expect(jan?.good).toBe(1_996);
    expect(jan?.met).toBe(true);
    expect(feb?.valid).toBe(28_000);
    expect((feb?.valid ?? 0) - (feb?.good ?? 0)).toBe(200);
    expect(feb?.sli).toBeCloseTo(1 - 200 / 28_000, 12);
    expect(feb?.met).toBe(false);
    // 200 bad of 140 allowed → 60/140 over budget.
    expect(feb?.budgetRemainingFraction).toBeCloseTo(1 - 200 / 140, 9);
    expect(feb?.coverage.fraction).toBeCloseTo(1, 9);
    expect(mar?.valid).toBe(2_000);
    expect(mar?.met).toBe(true);
    expect(mar?.coverage.windowMs).toBe(2 * DAY);
  });

  it('judges a month exactly at its objective met, by the same rule as the status', () => {
    const valid = series(Date.UTC(2026, 3, 1), DAY, [0, 1_000]);
    const good = series(Date.UTC(2026, 3, 1), DAY, [0, 995]);
    expect(computeMonthlyCompliance(good, valid, 99.5, Date.UTC(2026, 3, 1), Date.UTC(2026, 3, 2))[0]?.met).toBe(true);
  });

  it('marks a month without traffic as unknown, not compliant', () => {
    const flat = series(Date.UTC(2026, 3, 1), DAY, [7, 7, 7]);
    const [april] = computeMonthlyCompliance(flat, flat, 99.9, Date.UTC(2026, 3, 1), Date.UTC(2026, 3, 3));
    expect(april?.sli).toBeNull();
    expect(april?.met).toBeNull();
  });
});
