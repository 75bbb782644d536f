import { describe, expect, it } from 'vitest';
import {
  computeBudgetFraction,
  computeBudgetSpent,
  computeBurnDown,
  computeBurnRate,
  computeErrorRatio,
  computeSli,
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
