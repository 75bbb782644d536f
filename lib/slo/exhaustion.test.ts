import { describe, expect, it } from 'vitest';
import { projectExhaustionMs, type WindowStep } from './exhaustion';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PERIOD = 30 * DAY;
const NOW = Date.UTC(2026, 4, 20, 12);

/** 720 hourly steps of the window, 100 events each, with `bad(i)` bad events in step i (oldest first). */
const hourly = (bad: (i: number) => number, valid: (i: number) => number = () => 100): WindowStep[] =>
  Array.from({ length: 720 }, (_, i) => ({ t: NOW - PERIOD + (i + 1) * HOUR, valid: valid(i), bad: bad(i) }));

const project = (remainingFraction: number, burnRate: number | null, steps: WindowStep[] = []) =>
  projectExhaustionMs({ remainingFraction, burnRate, periodMs: PERIOD, nowMs: NOW, steps, stepMs: HOUR });

describe('projectExhaustionMs', () => {
  it('says a spent budget has no time left, not "less than a minute"', () => {
    expect(project(0, 2)).toBe(0);
    expect(project(-0.4, 0)).toBe(0);
  });

  it('never runs out at 1× or less when past errors are spread evenly: they leave as fast as new ones come', () => {
    for (const burn of [0, 0.5, 0.95, 1]) {
      expect(project(0.4, burn)).toBeNull();
      expect(project(0.4, burn, hourly(() => 0.3))).toBeNull();
    }
    expect(project(0.9, null)).toBeNull();
  });

  it('runs out above 1× once new errors outpace the ones leaving', () => {
    // 60% left, 40% spent evenly, burning 2×: the budget left shrinks by (2 − 0.4) per period.
    expect(project(0.6, 2)).toBeCloseTo((0.6 / 1.6) * PERIOD, 0);
    expect(project(0.6, 2, hourly(() => 0.2))).toBeCloseTo((0.6 / 1.6) * PERIOD, -4);
  });

  it('runs out below 1× when the errors that spent the budget are recent and stay in the window', () => {
    // 60% spent in the last hour: nothing bad leaves for 29 days, while old good events take their budget with them.
    const steps = hourly((i) => (i === 719 ? 216 : 0), (i) => (i === 719 ? 300 : 100));
    const ms = project(0.4, 0.95, steps);
    expect(ms).not.toBeNull();
    expect((ms ?? 0) / HOUR).toBeCloseTo(0.4 / (100 / 72_200 - 0.05 / 720), 0);
    // The same errors a month old leave the window first: no exhaustion.
    expect(project(0.4, 0.95, hourly((i) => (i === 0 ? 216 : 0), (i) => (i === 0 ? 300 : 100)))).toBeNull();
  });

  it('takes a young system\'s traffic as its budget grows: 3 hours of data at 2× spends 60% in 1.8 hours', () => {
    const steps = [1, 2, 3].map((h) => ({ t: NOW - (3 - h) * HOUR, valid: 100, bad: 0.2 }));
    expect(project(0.6, 2, steps)).toBeCloseTo(1.8 * HOUR, -3);
  });
});
