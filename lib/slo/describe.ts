import { FULL_COVERAGE } from './math';
import type { SloBudget, SloStatus } from './types';
import { plural } from '@/lib/text/plural';

/** Plain-words sentences about an SLO's status, for stakeholders. */

/** A percent that never rounds up to the objective or to 100%: 0.99996 → "99.99%". */
export function formatSliPercent(fraction: number, decimals = 2): string {
  const factor = 10 ** decimals;
  return `${(Math.floor(fraction * 100 * factor + 1e-9) / factor).toFixed(decimals)}%`;
}

/** Decimal places an objective is written with: 99.95 → 2, 99.9 → 1, 99 → 0. */
export function countObjectiveDecimals(objectivePercent: number): number {
  for (let d = 0; d < 6; d++) {
    const scaled = objectivePercent * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return d;
  }
  return 6;
}

/**
 * An SLI with as many decimals as its objective is written with (at least `minDecimals`), never
 * rounded up: the figure reads below the objective exactly when the SLI is below it
 * (0.999995 against 99.999% → "99.999%", not "99.99%").
 */
export function formatSliFor(fraction: number, objectivePercent: number, minDecimals = 2): string {
  return formatSliPercent(fraction, Math.max(minDecimals, countObjectiveDecimals(objectivePercent)));
}

/** The share of events an objective lets fail, as precisely as the objective: 99.95 → "0.05%", 99 → "1%". */
export function formatAllowedFailures(objectivePercent: number): string {
  return `${(100 - objectivePercent).toFixed(countObjectiveDecimals(objectivePercent))}%`;
}

/** A rounded duration in words: "about 5 hours", "about 3 days", "less than a minute". */
export function formatApproxDuration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const n = Math.round(seconds / size);
      return `about ${plural(n, name)}`;
    }
  }
  return 'less than a minute';
}

/** A share of the error budget: 0.734 → "73%"; negative shares (overspent) keep their sign. */
export function formatBudgetShare(fraction: number | null): string {
  if (fraction === null) return 'no data';
  const pct = fraction * 100;
  return `${Math.abs(pct) < 10 && pct !== 0 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/**
 * The share of the error budget left, never rounded up (as an SLI is never rounded up): 0.4995 →
 * "49%", 0.0999 → "9.9%" (one decimal under 10%). The sentence, the budget bar and the burn-down
 * say the same number.
 */
export function formatBudgetLeft(fraction: number): string {
  const pct = fraction * 100;
  const decimals = Math.abs(pct) < 10 && pct !== 0 ? 1 : 0;
  const factor = 10 ** decimals;
  return `${(Math.floor(pct * factor + 1e-9) / factor).toFixed(decimals)}%`;
}

/** The budget as time: how long a total outage could last at current traffic before it is gone. */
export function describeOutageLeft(budget: SloBudget): string {
  if (budget.remainingFraction <= 0) return 'none: the budget is spent';
  if (budget.remainingOutageSeconds === null) return 'no traffic right now';
  return `${formatApproxDuration(budget.remainingOutageSeconds)} of total outage`;
}

/** When the budget runs out at the current burn rate: "runs out in about 3 days". */
export function describeExhaustion(budget: SloBudget): string {
  if (budget.remainingFraction <= 0) return 'nothing left: the budget is spent';
  if (budget.exhaustionSeconds === null) return 'does not run out';
  return `runs out in ${formatApproxDuration(budget.exhaustionSeconds)}`;
}

function describeOutlook(budget: SloBudget | null): string {
  if (!budget) return '';
  if (budget.remainingFraction < 0) return `The error budget is spent (${formatBudgetShare(-budget.remainingFraction)} over).`;
  if (budget.remainingFraction === 0) return 'The error budget is spent (none left).';
  return `${formatBudgetLeft(budget.remainingFraction)} of the error budget is left; at the current rate it ${describeExhaustion(budget)}.`;
}

/** One or two sentences a stakeholder can read: state, SLI against the objective, budget outlook. */
export function describeSlo(status: Omit<SloStatus, 'sentence'>): string {
  const period = `in the last ${status.windowDays} days`;
  if (status.problem !== null) {
    return `${status.name} cannot be measured: ${status.problem}, so whether it meets its objective (${status.objective}%) is unknown.`;
  }
  if (status.state === 'no_data' || status.sli === null) {
    return `${status.name} has no data: nothing was measured ${period}, so whether it meets its objective (${status.objective}%) is unknown.`;
  }
  const verdict = { meeting: 'is meeting its objective', at_risk: 'is at risk of missing its objective', breached: 'has missed its objective' }[status.state];
  const what = status.goodEvents ?? 'events were good';
  const partial = describeCoverage(status.coverage, status.windowDays);
  const sli = formatSliFor(status.sli, status.objective);
  return `${status.name} ${verdict}: ${sli} of ${what} ${period} (objective ${status.objective}%). ${describeOutlook(status.budget)}${partial ? ` ${partial}` : ''}`.trim();
}

/**
 * A young system (or one with holes in its history) has less than a window of data: says how much,
 * rather than imply a full period ("about 3 hours"; "97%" where the rounded duration would be the
 * whole window). Empty when the data covers the window, or nothing.
 */
export function describeCoverage(coverage: number, windowDays: number): string {
  if (!(coverage > 0 && coverage < FULL_COVERAGE)) return '';
  const covered = formatApproxDuration(coverage * windowDays * 86_400);
  const amount = covered === formatApproxDuration(windowDays * 86_400) ? `${Math.floor(coverage * 100)}%` : covered;
  return `Data covers only ${amount} of the ${windowDays}-day window.`;
}
