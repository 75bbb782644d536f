import type { SloStatus } from './types';
import { plural } from '@/lib/text/plural';

/** Plain-words sentences about an SLO's status, for stakeholders. */

/** A percent that never rounds up to the objective or to 100%: 0.99996 → "99.99%". */
export function formatSliPercent(fraction: number, decimals = 2): string {
  const factor = 10 ** decimals;
  return `${(Math.floor(fraction * 100 * factor + 1e-9) / factor).toFixed(decimals)}%`;
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

function describeOutlook(status: Omit<SloStatus, 'sentence'>): string {
  const budget = status.budget;
  if (!budget) return '';
  if (budget.remainingFraction <= 0) return `The error budget is spent (${formatBudgetShare(-budget.remainingFraction)} over).`;
  const left = `${formatBudgetLeft(budget.remainingFraction)} of the error budget is left`;
  const exhaustion = budget.exhaustionSeconds;
  if (exhaustion === null || exhaustion >= status.windowDays * 86_400) return `${left}; at the current rate it lasts the rest of the period.`;
  return `${left}; at the current rate it runs out in ${formatApproxDuration(exhaustion)}.`;
}

/** One or two sentences a stakeholder can read: state, SLI against the objective, budget outlook. */
export function describeSlo(status: Omit<SloStatus, 'sentence'>): string {
  const period = `in the last ${status.windowDays} days`;
  if (status.state === 'no_data' || status.sli === null) {
    return `${status.name} has no data: nothing was measured ${period}, so whether it meets its objective (${status.objective}%) is unknown.`;
  }
  const verdict = { meeting: 'is meeting its objective', at_risk: 'is at risk of missing its objective', breached: 'has missed its objective' }[status.state];
  const what = status.goodEvents ?? 'events were good';
  const partial = describeCoverage(status.coverage, status.windowDays);
  return `${status.name} ${verdict}: ${formatSliPercent(status.sli)} of ${what} ${period} (objective ${status.objective}%). ${describeOutlook(status)}${partial ? ` ${partial}` : ''}`.trim();
}

/**
 * A young system (or one with holes in its history) has less than a window of data: says how much,
 * rather than imply a full period ("about 3 hours"; "97%" where the rounded duration would be the
 * whole window). Empty when the data covers the window, or nothing.
 */
export function describeCoverage(coverage: number, windowDays: number): string {
  if (!(coverage > 0 && coverage < 0.99)) return '';
  const covered = formatApproxDuration(coverage * windowDays * 86_400);
  const amount = covered === formatApproxDuration(windowDays * 86_400) ? `${Math.floor(coverage * 100)}%` : covered;
  return `Data covers only ${amount} of the ${windowDays}-day window.`;
}
