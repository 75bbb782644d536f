import { describe, expect, it } from 'vitest';
import {
  describeCoverage,
  describeExhaustion,
  describeOutageLeft,
  formatAllowedFailures,
  formatApproxDuration,
  formatBudgetLeft,
  formatBudgetShare,
  formatSliFor,
  formatSliPercent,
} from './describe';
import type { SloBudget } from './types';

const budget = (over: Partial<SloBudget>): SloBudget => ({
  budgetFraction: 0.005,
  consumedFraction: 0.4,
  remainingFraction: 0.6,
  badEvents: 200,
  allowedBadEvents: 500,
  remainingBadEvents: 300,
  remainingOutageSeconds: 7_200,
  exhaustionSeconds: null,
  ...over,
});

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

describe('describeCoverage', () => {
  it('says how much of the window the data covers, as a percentage where the duration would round to the whole window', () => {
    expect(describeCoverage(0.125, 1)).toBe('Data covers only about 3 hours of the 1-day window.');
    expect(describeCoverage(0.5, 30)).toBe('Data covers only about 15 days of the 30-day window.');
    // 29.4 days would read "about 29 days"; 29.6 "about 30 days" of a 30-day window, which says nothing.
    expect(describeCoverage(0.98, 30)).toBe('Data covers only about 29 days of the 30-day window.');
    expect(describeCoverage(0.985, 30)).toBe('Data covers only 98% of the 30-day window.');
  });

  it('says nothing when the data covers the window, or there is none', () => {
    expect([describeCoverage(0.995, 30), describeCoverage(1, 30), describeCoverage(0, 30)]).toEqual(['', '', '']);
  });
});

describe('formatBudgetLeft', () => {
  it('never rounds the budget left up, with one decimal under 10%', () => {
    expect([0.4995, 0.5, 0.0999, 0.05, 0.001, 0, 1].map(formatBudgetLeft)).toEqual(['49%', '50%', '9.9%', '5.0%', '0.1%', '0%', '100%']);
  });
});

describe('formatBudgetShare', () => {
  it('gives one decimal under 10%, keeps the sign and says when there is no data', () => {
    expect([0.734, 0.044, -0.02, 0, null].map(formatBudgetShare)).toEqual(['73%', '4.4%', '-2.0%', '0%', 'no data']);
  });
});

describe('decimals chosen from the objective', () => {
  it('show an SLI with the objective\'s decimals, so it reads below the objective only when it is', () => {
    // 99.9995% meets 99.999%; two decimals would floor it to 99.99%, below the objective.
    expect(formatSliFor(0.999995, 99.999)).toBe('99.999%');
    expect(formatSliFor(0.99998, 99.999)).toBe('99.998%');
    expect(formatSliFor(0.9995, 99.95)).toBe('99.95%');
    expect(formatSliFor(0.99949, 99.95)).toBe('99.94%');
    expect(formatSliFor(0.998, 99.5)).toBe('99.80%');
    expect(formatSliFor(0.998, 99.5, 3)).toBe('99.800%');
  });

  it('say how many events may fail as precisely as the objective', () => {
    expect([99, 99.5, 99.9, 99.95, 99.99, 99.999].map(formatAllowedFailures)).toEqual(['1%', '0.5%', '0.1%', '0.05%', '0.01%', '0.001%']);
  });
});

describe('budget details', () => {
  it('say a spent budget is spent, never "less than a minute"', () => {
    const spent = budget({ remainingFraction: -0.4, remainingBadEvents: -200, remainingOutageSeconds: 0, exhaustionSeconds: 0 });
    expect(describeOutageLeft(spent)).toBe('none: the budget is spent');
    expect(describeExhaustion(spent)).toBe('nothing left: the budget is spent');
    const noneLeft = budget({ remainingFraction: 0, remainingBadEvents: 0, remainingOutageSeconds: 0, exhaustionSeconds: 0 });
    expect([describeOutageLeft(noneLeft), describeExhaustion(noneLeft)]).toEqual(['none: the budget is spent', 'nothing left: the budget is spent']);
  });

  it('say how long the budget lasts, and that it does not run out when it does not', () => {
    expect(describeOutageLeft(budget({}))).toBe('about 2 hours of total outage');
    expect(describeOutageLeft(budget({ remainingOutageSeconds: null }))).toBe('no traffic right now');
    expect(describeExhaustion(budget({}))).toBe('does not run out');
    expect(describeExhaustion(budget({ exhaustionSeconds: 3 * 86_400 }))).toBe('runs out in about 3 days');
  });
});
