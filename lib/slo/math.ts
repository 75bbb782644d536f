/**
 * SLO arithmetic (Google SRE Workbook, ch. 5), pure and unit-free except where named:
 * fractions are 0..1, objectives are percents (99.9), times are epoch ms, durations ms.
 * "No data" is always null: zero valid events never read as 100%.
 */

/** One sample of a cumulative counter; null where the series had no value. */
export interface CounterSample {
  t: number;
  value: number | null;
}

/** Error budget of an objective as a fraction of events: 99.9 → 0.001. */
export function computeBudgetFraction(objectivePercent: number): number {
  return Math.round((100 - objectivePercent) * 1e9) / 1e11;
}

/**
 * Float tolerance on an error ratio: 995/1000 against 99.5% leaves 0.0050000000000000044, which
 * must still meet the objective. Every met/missed verdict goes through meetsObjective.
 */
export const OBJECTIVE_TOLERANCE = 1e-12;

/** The one rule for "met": the error ratio is at most the budget (within float noise). */
export function meetsObjective(errorRatio: number, objectivePercent: number): boolean {
  return errorRatio <= computeBudgetFraction(objectivePercent) + OBJECTIVE_TOLERANCE;
}

/** Data covering at least this share of a span counts as covering all of it (scrape hiccups). */
export const FULL_COVERAGE = 0.99;

/** SLI = good / valid, or null when there were no valid events. Good is clamped to 0..valid. */
export function computeSli(good: number, valid: number): number | null {
  if (!(valid > 0)) return null;
  return Math.min(Math.max(good, 0), valid) / valid;
}

/** Error ratio = 1 − SLI, or null without valid events. */
export function computeErrorRatio(good: number, valid: number): number | null {
  const sli = computeSli(good, valid);
  return sli === null ? null : (valid - Math.min(Math.max(good, 0), valid)) / valid;
}

/** Burn rate = error ratio / budget; 1 spends exactly the whole budget over the period. */
export function computeBurnRate(errorRatio: number | null, objectivePercent: number): number | null {
  return errorRatio === null ? null : errorRatio / computeBudgetFraction(objectivePercent);
}

/** Error budget of one window, in every unit a reader asks for. */
export interface BudgetSummary {
  sli: number;
  errorRatio: number;
  /** Share of events allowed to be bad (1 − objective). */
  budgetFraction: number;
  /** Share of the budget spent and left; remaining is negative exactly when the objective is missed (meetsObjective). */
  consumedFraction: number;
  remainingFraction: number;
  badEvents: number;
  allowedBadEvents: number;
  remainingBadEvents: number;
  /** How long a total outage could last before the budget is gone, at the given traffic; null without traffic. */
  remainingOutageMs: number | null;
}

/**
 * Summarises the budget of a window from its good/valid counts. `validPerSecond` is the current
 * traffic; it defaults to the window's average.
 */
export function summarizeBudget(input: {
  good: number;
  valid: number;
  objectivePercent: number;
  windowMs: number;
  validPerSecond?: number | null;
}): BudgetSummary | null {
  const { good, valid, objectivePercent, windowMs } = input;
  const sli = computeSli(good, valid);
  const errorRatio = computeErrorRatio(good, valid);
  if (sli === null || errorRatio === null) return null;
  const budgetFraction = computeBudgetFraction(objectivePercent);
  const badEvents = valid * errorRatio;
  const allowedBadEvents = valid * budgetFraction;
  // Within float noise of the objective is exactly at it: none left (0), never a hair over or
  // under, so remaining < 0 holds exactly when meetsObjective does not.
  const atObjective = Math.abs(errorRatio - budgetFraction) <= OBJECTIVE_TOLERANCE;
  const consumedFraction = atObjective ? 1 : errorRatio / budgetFraction;
  const remainingBadEvents = atObjective ? 0 : allowedBadEvents - badEvents;
  const perSecond = input.validPerSecond ?? valid / (windowMs / 1000);
  const remainingOutageMs = perSecond > 0 ? (Math.max(remainingBadEvents, 0) / perSecond) * 1000 : null;
  return {
    sli,
    errorRatio,
    budgetFraction,
    consumedFraction,
    remainingFraction: 1 - consumedFraction,
    badEvents,
    allowedBadEvents,
    remainingBadEvents,
    remainingOutageMs,
  };
}

/** Share of a period's budget spent by `badEvents` when the period saw `validEventsInPeriod`. */
export function computeBudgetSpent(badEvents: number, validEventsInPeriod: number, objectivePercent: number): number | null {
  if (!(validEventsInPeriod > 0)) return null;
  return Math.max(badEvents, 0) / (validEventsInPeriod * computeBudgetFraction(objectivePercent));
}

/** One step of a counter: the increase between two present samples, ending at `t`. */
export interface CounterStep {
  t: number;
  increase: number;
  /** Time since the previous present sample. */
  spanMs: number;
}

/**
 * Increases between consecutive present samples, Prometheus-style: a drop means the counter
 * restarted from zero, so the increase is the new value. Samples must be sorted by time.
 */
export function toCounterSteps(samples: CounterSample[]): CounterStep[] {
  const steps: CounterStep[] = [];
  let prev: { t: number; value: number } | null = null;
  for (const s of samples) {
    if (s.value === null || !Number.isFinite(s.value)) continue;
    if (prev) steps.push({ t: s.t, increase: s.value >= prev.value ? s.value - prev.value : s.value, spanMs: s.t - prev.t });
    prev = { t: s.t, value: s.value };
  }
  return steps;
}

/** One point of a burn-down chart: budget left at time t (null before any traffic). */
export interface BurnDownPoint {
  t: number;
  remainingFraction: number | null;
}

/**
 * Error budget remaining over the window, from cumulative good/valid counters sampled at the same
 * times: at each t, 1 − (bad events so far) / (budget × valid events in the whole window).
 * It starts at 1 at the first sample with data, only goes down, and ends at the window's remaining
 * fraction. Samples without data stay null so a gap is drawn as a gap.
 */
export function computeBurnDown(good: CounterSample[], valid: CounterSample[], objectivePercent: number): BurnDownPoint[] {
  const validSteps = toCounterSteps(valid);
  const goodByT = new Map(toCounterSteps(good).map((s) => [s.t, s.increase]));
  const allowed = validSteps.reduce((acc, s) => acc + s.increase, 0) * computeBudgetFraction(objectivePercent);
  const validByT = new Map(validSteps.map((s) => [s.t, s.increase]));
  let started = false;
  let validSoFar = 0;
  let goodSoFar = 0;
  return valid.map(({ t, value }) => {
    if (!(allowed > 0) || value === null || !Number.isFinite(value)) return { t, remainingFraction: null };
    if (!started) {
      started = true;
      return { t, remainingFraction: 1 };
    }
    validSoFar += validByT.get(t) ?? 0;
    goodSoFar += goodByT.get(t) ?? 0;
    const bad = Math.max(validSoFar - goodSoFar, 0);
    return { t, remainingFraction: 1 - bad / allowed };
  });
}
