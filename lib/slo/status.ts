import 'server-only';
import { describeSlo } from './describe';
import { projectExhaustionMs, type WindowStep } from './exhaustion';
import { computeBudgetSpent, computeBurnDown, computeBurnRate, summarizeBudget, type BudgetSummary, type CounterSample } from './math';
import { getPeriodMs, resolveBurnRatePolicy } from './policy';
import { escapeQuotedString } from '@/lib/promql/escape';
import { buildErrorRatioExpr, buildIncreaseExprs, readGoodCount, toEventSelectors, toRecordingRuleName } from './promql';
import type { Slo } from './schema';
import type { BurnRateStatus, SloState, SloStatus } from './types';

/**
 * An SLO's live status from Prometheus: the SLI and budget over the SLO window, the burn rate per
 * alert window (from the generated recording rules when Prometheus has them, else the same
 * expressions on raw series), and the budget burn-down.
 */

/** What status needs from Prometheus; the BFF passes its datasource client, tests a fake. */
export interface SloQueryDeps {
  /** First sample of an instant query at `timeMs`, null when empty or NaN. */
  queryInstant(expr: string, timeMs: number): Promise<number | null>;
  /** First series of a range query, one point per step, null where there is no value. */
  queryRange(expr: string, startMs: number, endMs: number, stepSeconds: number): Promise<{ t: number; value: number | null }[]>;
  /** True when Prometheus has loaded this SLO's generated recording rules. */
  hasRecordingRules(sloId: string): Promise<boolean>;
}

/** Burn-down points over a full window (30 days → hourly). */
const BURN_DOWN_POINTS = 720;
/** Finest burn-down step, and the point count when data covers only part of the window. */
const MIN_STEP_SECONDS = 15;
const PARTIAL_POINTS = 300;

const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))}s`;

async function queryErrorRatios(slo: Slo, deps: SloQueryDeps, windows: string[], nowMs: number, useRules: boolean): Promise<Map<string, number | null>> {
  const entries = await Promise.all(
    windows.map(async (w) => {
      const raw = (): Promise<number | null> => deps.queryInstant(buildErrorRatioExpr(slo.sli, w), nowMs);
      if (!useRules) return [w, await raw()] as const;
      // Rules generated with another time scale record other windows: fall back per window.
      const recorded = await deps.queryInstant(`${toRecordingRuleName(w)}{slo="${escapeQuotedString(slo.id)}"}`, nowMs);
      return [w, recorded ?? (await raw())] as const;
    }),
  );
  return new Map(entries);
}

/** Per-step increases as a cumulative counter starting at 0 one step before the first point. */
function toCumulative(points: { t: number; value: number | null }[], stepMs: number): CounterSample[] {
  const first = points[0];
  if (!first) return [];
  let total = 0;
  const out: CounterSample[] = [{ t: first.t - stepMs, value: 0 }];
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) out.push({ t: p.t, value: null });
    else {
      total += Math.max(p.value, 0);
      out.push({ t: p.t, value: total });
    }
  }
  return out;
}

interface BurnDown {
  points: SloStatus['burnDown'];
  coverage: number;
  /** The window's events per step with data, for the exhaustion forecast. */
  steps: WindowStep[];
  stepMs: number;
}

async function queryBurnDown(slo: Slo, deps: SloQueryDeps, nowMs: number): Promise<BurnDown> {
  const periodMs = getPeriodMs(slo);
  // increase(...[step]) at t counts (t − step, t]: the first point is one step after the window's
  // start, where the cumulative zero sits, so the chart covers the window and nothing before it.
  // The grid is anchored at now, so the last point is now.
  const fetch = async (fromMs: number, stepSeconds: number) => {
    const stepMs = stepSeconds * 1000;
    const steps = Math.min(Math.ceil((nowMs - fromMs) / stepMs), Math.floor(periodMs / stepMs));
    const zeroMs = nowMs - steps * stepMs;
    const exprs = buildIncreaseExprs(slo.sli, `${stepSeconds}s`);
    const [good, valid] = await Promise.all([deps.queryRange(exprs.good, zeroMs + stepMs, nowMs, stepSeconds), deps.queryRange(exprs.valid, zeroMs + stepMs, nowMs, stepSeconds)]);
    return { good, valid, stepSeconds };
  };
  let r = await fetch(nowMs - periodMs, Math.max(MIN_STEP_SECONDS, Math.ceil(periodMs / 1000 / BURN_DOWN_POINTS)));
  const firstWithData = r.valid.find((p) => p.value !== null);
  // A young system fills only the last few steps: ask again at a step that shows its history.
  if (firstWithData && nowMs - firstWithData.t < periodMs / 10) {
    const fromMs = firstWithData.t - r.stepSeconds * 1000;
    r = await fetch(fromMs, Math.max(MIN_STEP_SECONDS, Math.ceil((nowMs - fromMs) / 1000 / PARTIAL_POINTS)));
  }
  const stepMs = r.stepSeconds * 1000;
  const goodByT = new Map(r.good.map((p) => [p.t, p.value]));
  // Missing good is zero good events for a ratio SLI (all failed), no data for a latency SLI.
  const steps = r.valid.map((p) => ({ t: p.t, valid: p.value, good: readGoodCount(slo.sli, goodByT.get(p.t) ?? null, p.value) }));
  const valid = steps.map((p) => ({ t: p.t, value: p.good === null ? null : p.valid }));
  const good = steps.map((p) => ({ t: p.t, value: p.good }));
  const points = computeBurnDown(toCumulative(good, stepMs), toCumulative(valid, stepMs), slo.objective);
  const present = steps.flatMap((p) => (p.valid === null || p.good === null ? [] : [{ t: p.t, valid: p.valid, bad: Math.max(p.valid - p.good, 0) }]));
  return { points, coverage: Math.min(1, (present.length * stepMs) / periodMs), steps: present, stepMs };
}

/**
 * Met or missed by meetsObjective (a negative remaining budget); at risk while a page alert's
 * condition holds or the budget runs out within a period at the current burn rate.
 */
function decideState(summary: BudgetSummary | null, exhaustionMs: number | null, burnRates: BurnRateStatus[]): SloState {
  if (summary === null) return 'no_data';
  if (summary.remainingFraction < 0) return 'breached';
  if (exhaustionMs !== null || burnRates.some((b) => b.severity === 'page' && b.firing)) return 'at_risk';
  return 'meeting';
}

/** Computes an SLO's status at `nowMs`. */
export async function computeSloStatus(slo: Slo, deps: SloQueryDeps, nowMs: number): Promise<SloStatus> {
  const periodMs = getPeriodMs(slo);
  const windows = resolveBurnRatePolicy(slo);
  const windowNames = [...new Set(windows.flatMap((w) => [w.longWindow, w.shortWindow]))];
  const shortestLong = [...windows].sort((a, b) => a.longMs - b.longMs)[0];
  const counts = buildIncreaseExprs(slo.sli, `${slo.window.days}d`);
  const useRules = await deps.hasRecordingRules(slo.id);
  const [validCount, goodRaw, ratios, validPerSecond, burnDown] = await Promise.all([
    deps.queryInstant(counts.valid, nowMs),
    deps.queryInstant(counts.good, nowMs),
    queryErrorRatios(slo, deps, windowNames, nowMs, useRules),
    shortestLong ? deps.queryInstant(`sum(rate(${toEventSelectors(slo.sli).valid}[${shortestLong.longWindow}]))`, nowMs) : Promise.resolve(null),
    queryBurnDown(slo, deps, nowMs),
  ]);
  const goodCount = readGoodCount(slo.sli, goodRaw, validCount);
  // Events were counted but no latency bucket matched: the threshold is no bucket boundary, and
  // every figure of the SLI (rules written before this was known record 100% errors) is unknown.
  const problem =
    slo.sli.type === 'latency' && validCount !== null && validCount > 0 && goodCount === null
      ? `its latency threshold of ${slo.sli.thresholdSeconds} s is not one of the histogram's bucket boundaries`
      : null;
  const toBurn = (w: string): number | null => computeBurnRate(problem === null ? (ratios.get(w) ?? null) : null, slo.objective);
  const burnRates: BurnRateStatus[] = windows.map((w) => {
    const longBurnRate = toBurn(w.longWindow);
    const shortBurnRate = toBurn(w.shortWindow);
    const firing = longBurnRate !== null && shortBurnRate !== null && longBurnRate > w.burnRate && shortBurnRate > w.burnRate;
    return { severity: w.severity, longWindow: w.longWindow, shortWindow: w.shortWindow, threshold: w.burnRate, budgetFraction: w.budgetFraction, longBurnRate, shortBurnRate, firing };
  });
  const currentBurnRate = shortestLong ? toBurn(shortestLong.longWindow) : null;
  const summary =
    validCount === null || goodCount === null
      ? null
      : summarizeBudget({ good: goodCount, valid: validCount, objectivePercent: slo.objective, windowMs: periodMs, validPerSecond });
  const exhaustionMs = summary
    ? projectExhaustionMs({ remainingFraction: summary.remainingFraction, burnRate: currentBurnRate, periodMs, nowMs, steps: burnDown.steps, stepMs: burnDown.stepMs })
    : null;
  const status: Omit<SloStatus, 'sentence'> = {
    sloId: slo.id,
    name: slo.name,
    service: slo.service,
    journey: slo.journey,
    goodEvents: slo.goodEvents ?? null,
    objective: slo.objective,
    windowDays: slo.window.days,
    evaluatedAt: nowMs,
    state: decideState(summary, exhaustionMs, burnRates),
    problem,
    sli: summary?.sli ?? null,
    goodCount,
    validCount,
    coverage: burnDown.coverage,
    budget: summary && {
      budgetFraction: summary.budgetFraction,
      consumedFraction: summary.consumedFraction,
      remainingFraction: summary.remainingFraction,
      badEvents: summary.badEvents,
      allowedBadEvents: summary.allowedBadEvents,
      remainingBadEvents: summary.remainingBadEvents,
      remainingOutageSeconds: summary.remainingOutageMs === null ? null : summary.remainingOutageMs / 1000,
      exhaustionSeconds: exhaustionMs === null ? null : exhaustionMs / 1000,
    },
    currentBurnRate,
    burnRates,
    burnDown: burnDown.points,
    source: useRules ? 'recording_rules' : 'raw_series',
  };
  return { ...status, sentence: describeSlo(status) };
}

/**
 * Share of the SLO window's error budget spent between startMs and endMs (an incident, a
 * deployment): bad events in that interval over (budget × valid events in the window ending at
 * `nowMs`, default endMs). Null without traffic in the window.
 */
export async function computeBudgetSpentBetween(slo: Slo, deps: SloQueryDeps, startMs: number, endMs: number, nowMs = endMs): Promise<number | null> {
  if (!(endMs > startMs)) return 0;
  const interval = buildIncreaseExprs(slo.sli, seconds(endMs - startMs));
  const window = buildIncreaseExprs(slo.sli, `${slo.window.days}d`);
  const [valid, good, windowValid] = await Promise.all([
    deps.queryInstant(interval.valid, endMs),
    deps.queryInstant(interval.good, endMs),
    deps.queryInstant(window.valid, nowMs),
  ]);
  if (windowValid === null) return null;
  // Nothing in the interval spent nothing; events without a good count (no latency bucket) are unknown.
  if (valid === null) return computeBudgetSpent(0, windowValid, slo.objective);
  const goodCount = readGoodCount(slo.sli, good, valid);
  return goodCount === null ? null : computeBudgetSpent(Math.max(valid - goodCount, 0), windowValid, slo.objective);
}
