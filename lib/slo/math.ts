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

/** How much of a window the samples actually cover. */
export interface Coverage {
  coveredMs: number;
  windowMs: number;
  /** coveredMs / windowMs, 0..1. */
  fraction: number;
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

function medianSpacing(samples: CounterSample[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) gaps.push((samples[i]?.t ?? 0) - (samples[i - 1]?.t ?? 0));
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/**
 * Increase of a counter over (startMs, endMs] and how much of that range the data covers.
 * A step counts as covered when it spans at most `maxGapMs` (default: twice the usual spacing);
 * longer gaps still contribute their increase (the counter kept counting) but not coverage.
 */
export function computeIncrease(
  samples: CounterSample[],
  startMs: number,
  endMs: number,
  maxGapMs?: number,
): { increase: number; coverage: Coverage } {
  const inRange = samples.filter((s) => s.t >= startMs && s.t <= endMs);
  const gapLimit = maxGapMs ?? 2 * medianSpacing(inRange.filter((s) => s.value !== null));
  let increase = 0;
  let coveredMs = 0;
  for (const step of toCounterSteps(inRange)) {
    increase += step.increase;
    if (step.spanMs <= gapLimit) coveredMs += step.spanMs;
  }
  const windowMs = endMs - startMs;
  return { increase, coverage: { coveredMs, windowMs, fraction: windowMs > 0 ? Math.min(coveredMs / windowMs, 1) : 0 } };
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

/** Compliance of one calendar month (UTC). */
export interface MonthCompliance {
  /** `YYYY-MM`. */
  month: string;
  startMs: number;
  endMs: number;
  good: number;
  valid: number;
  /** Null without valid events: unknown, not compliant. */
  sli: number | null;
  met: boolean | null;
  /** Budget left at the month's end (negative when breached), null without data. */
  budgetRemainingFraction: number | null;
  coverage: Coverage;
}

/** UTC calendar months overlapping [fromMs, toMs], oldest first. */
export function listCalendarMonths(fromMs: number, toMs: number): { month: string; startMs: number; endMs: number }[] {
  const out: { month: string; startMs: number; endMs: number }[] = [];
  const d = new Date(fromMs);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (let guard = 0; guard < 1200; guard++) {
    const startMs = Date.UTC(y, m, 1);
    if (startMs > toMs) break;
    const endMs = Date.UTC(y, m + 1, 1);
    out.push({ month: `${y}-${String(m + 1).padStart(2, '0')}`, startMs, endMs });
    m += 1;
    if (m === 12) [y, m] = [y + 1, 0];
  }
  return out;
}

// Steps are (t − spanMs, t]: one ending exactly at midnight on the 1st belongs to the month before.
function sumStepsIn(steps: CounterStep[], startMs: number, endMs: number): number {
  return steps.filter((s) => s.t > startMs && s.t <= endMs).reduce((acc, s) => acc + s.increase, 0);
}

function measureOverlapMs(steps: CounterStep[], startMs: number, endMs: number, gapLimitMs: number): number {
  return steps
    .filter((s) => s.spanMs <= gapLimitMs)
    .reduce((acc, s) => acc + Math.max(0, Math.min(s.t, endMs) - Math.max(s.t - s.spanMs, startMs)), 0);
}

/**
 * Calendar-month compliance from cumulative good/valid counters spanning [fromMs, toMs].
 * Each increase belongs to the month its step (previous sample, sample] ends in, so months add up exactly.
 * Coverage of the current month is measured up to toMs.
 */
export function computeMonthlyCompliance(
  good: CounterSample[],
  valid: CounterSample[],
  objectivePercent: number,
  fromMs: number,
  toMs: number,
): MonthCompliance[] {
  const goodSteps = toCounterSteps(good);
  const validSteps = toCounterSteps(valid);
  const gapLimit = 2 * medianSpacing(valid.filter((s) => s.value !== null));
  return listCalendarMonths(fromMs, toMs).map(({ month, startMs, endMs }) => {
    const g = sumStepsIn(goodSteps, startMs, endMs);
    const v = sumStepsIn(validSteps, startMs, endMs);
    const coveredMs = measureOverlapMs(validSteps, startMs, Math.min(endMs, toMs), gapLimit);
    const windowMs = Math.min(endMs, toMs) - startMs;
    const sli = computeSli(g, v);
    const summary = summarizeBudget({ good: g, valid: v, objectivePercent, windowMs: endMs - startMs });
    return {
      month,
      startMs,
      endMs,
      good: g,
      valid: v,
      sli,
      met: sli === null ? null : meetsObjective(1 - sli, objectivePercent),
      budgetRemainingFraction: summary?.remainingFraction ?? null,
      coverage: { coveredMs, windowMs, fraction: windowMs > 0 ? Math.min(coveredMs / windowMs, 1) : 0 },
    };
  });
}
