import 'server-only';
import { MAX_POINTS_PER_SERIES } from '@/lib/dashboards/time';
import type { SloBffDeps } from './bff';
import type { SloDeploymentImpact, SloIncident, SloMonth } from './bff-types';
import { computeBudgetFraction, computeSli, FULL_COVERAGE, meetsObjective } from './math';
import { getPeriodMs, resolveBurnRatePolicy } from './policy';
import { escapeQuotedString } from '@/lib/promql/escape';
import { buildIncreaseExprs, readGoodCount } from './promql';
import { toAlertName } from './rules';
import type { Slo } from './schema';
import { computeBudgetSpentBetween, type SloQueryDeps } from './status';

/**
 * An SLO's history over its window: the alert periods and deployments that spent budget (and how
 * much each spent), and the compliance of recent calendar months (UTC).
 */

/** At most this many incidents and deployments are costed per page, newest first. */
export const MAX_EVENTS = 30;
/** ALERTS is read at this many steps over the window (30 days → about every 4 minutes). */
const ALERT_STEPS = 10_000;
/** Monthly coverage is measured in steps of this many seconds (at most 744 per month, 4,464 for six months). */
const COVERAGE_STEP_SECONDS = 3_600;

/** A Prometheus duration of whole seconds, at least 1s. */
export const toSecondsDuration = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))}s`;

interface Period {
  startMs: number;
  endMs: number;
  /** Still firing at the last step. */
  open: boolean;
  windows: Set<string>;
  severity: 'page' | 'ticket';
}

/**
 * Contiguous runs of present points; a run ends one step after its last point (the step's
 * resolution) unless it reaches the last point, when it is still going on.
 */
function toRuns(points: { t: number; value: number | null }[], stepMs: number): { startMs: number; endMs: number; open: boolean }[] {
  const runs: { startMs: number; endMs: number; open: boolean }[] = [];
  let current: { startMs: number; endMs: number; open: boolean } | null = null;
  points.forEach((p, i) => {
    if (p.value === null) {
      current = null;
      return;
    }
    if (!current) {
      current = { startMs: p.t, endMs: p.t, open: false };
      runs.push(current);
    }
    current.endMs = p.t + stepMs;
    current.open = i === points.length - 1;
  });
  return runs;
}

/** Merges overlapping periods (several burn-rate alerts firing at once are one incident). */
function mergePeriods(periods: Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.startMs - b.startMs);
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, p.endMs);
      last.open ||= p.open;
      for (const w of p.windows) last.windows.add(w);
      if (p.severity === 'page') last.severity = 'page';
    } else out.push({ ...p, windows: new Set(p.windows) });
  }
  return out;
}

/**
 * Alert periods of the SLO's burn-rate alerts over its window, from Prometheus' synthetic
 * `ALERTS{alertstate="firing"}` series, each with the share of the window's budget it spent.
 */
export async function listIncidents(slo: Slo, deps: SloBffDeps, nowMs: number): Promise<SloIncident[]> {
  const windows = resolveBurnRatePolicy(slo);
  const byName = new Map(windows.map((w) => [toAlertName(slo.id, w.longWindow), w]));
  const periodMs = getPeriodMs(slo);
  const stepSeconds = Math.max(1, Math.ceil(periodMs / 1000 / ALERT_STEPS));
  // Alert names are metric names (letters and digits), so they are safe inside the regex.
  const expr = `ALERTS{alertname=~"${[...byName.keys()].join('|')}",alertstate="firing",slo="${escapeQuotedString(slo.id)}"}`;
  // Start a whole number of steps before now, so the last point is now: "still firing" means now.
  const series = await deps.queryRangeSeries(expr, nowMs - Math.ceil(periodMs / 1000 / stepSeconds) * stepSeconds * 1000, nowMs, stepSeconds);
  const periods: Period[] = series.flatMap((s) => {
    const w = byName.get(s.labels.alertname ?? '');
    if (!w) return [];
    return toRuns(s.points, stepSeconds * 1000).map((r) => ({ ...r, windows: new Set([w.longWindow]), severity: w.severity }));
  });
  const merged = mergePeriods(periods).slice(-MAX_EVENTS).reverse();
  return Promise.all(
    merged.map(async (p) => {
      const endMs = p.open ? nowMs : Math.min(p.endMs, nowMs);
      const budgetSpent = await computeBudgetSpentBetween(slo, deps, p.startMs, endMs, nowMs);
      const order = windows.map((w) => w.longWindow);
      return {
        startMs: p.startMs,
        endMs,
        ongoing: p.open,
        windows: [...p.windows].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
        severity: p.severity,
        budgetSpent,
      };
    }),
  );
}

/** Deployments of the SLO's service in its window, each with the budget spent in the `impactMs` after it. */
export async function listDeploymentImpacts(slo: Slo, deps: SloBffDeps, nowMs: number, impactMs: number): Promise<SloDeploymentImpact[]> {
  const deployments = await deps.listDeployments({ service: slo.service, fromMs: nowMs - getPeriodMs(slo), toMs: nowMs });
  return Promise.all(
    deployments.slice(0, MAX_EVENTS).map(async (d) => {
      const endMs = Math.min(d.startedAt + impactMs, nowMs);
      return {
        id: d.id,
        version: d.version,
        status: d.status,
        description: d.description,
        startedAtMs: d.startedAt,
        impactMs: Math.max(0, endMs - d.startedAt),
        budgetSpent: await computeBudgetSpentBetween(slo, deps, d.startedAt, endMs, nowMs),
      };
    }),
  );
}

/** Start of the UTC calendar month `offset` months from the one holding `ms`. */
export function toMonthStartMs(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** `YYYY-MM` of the UTC month holding `ms`. */
export const toMonthKey = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/** Good and valid events between two times; null when nothing was measured (good: or its latency bucket is missing). */
export async function queryEventsBetween(slo: Slo, deps: SloQueryDeps, startMs: number, endMs: number): Promise<{ good: number | null; valid: number | null }> {
  const exprs = buildIncreaseExprs(slo.sli, toSecondsDuration(endMs - startMs));
  const [valid, good] = await Promise.all([deps.queryInstant(exprs.valid, endMs), deps.queryInstant(exprs.good, endMs)]);
  return { valid, good: readGoodCount(slo.sli, good, valid) };
}

/** A calendar month (UTC) up to its end or now, whichever is first. */
interface MonthSpan {
  startMs: number;
  endMs: number;
}

/**
 * Share of each month, in which something was measured, that data covers, from one range query:
 * hourly steps on the UTC hour from the oldest month's start to now, each covered when the valid
 * counter had samples and counted in the month its end falls in (months start on the hour, so a
 * past month's steps are exactly its hours; the current month's last part-hour is not measured).
 * A month shorter than one step is whole.
 */
async function measureMonthlyCoverage(slo: Slo, deps: SloQueryDeps, spans: MonthSpan[]): Promise<(span: MonthSpan) => number> {
  const stepMs = COVERAGE_STEP_SECONDS * 1000;
  const fromMs = Math.min(...spans.map((s) => s.startMs)) + stepMs;
  const toMs = Math.max(...spans.map((s) => s.endMs));
  // A raised step would no longer match the increase window: every step must stay an hour.
  if ((toMs - fromMs) / stepMs > MAX_POINTS_PER_SERIES) throw new Error(`monthly coverage of ${spans.length} months exceeds ${MAX_POINTS_PER_SERIES} hourly points`);
  const expr = buildIncreaseExprs(slo.sli, `${COVERAGE_STEP_SECONDS}s`).valid;
  const points = toMs >= fromMs ? await deps.queryRange(expr, fromMs, toMs, COVERAGE_STEP_SECONDS) : [];
  return ({ startMs, endMs }) => {
    const steps = Math.floor((endMs - startMs) / stepMs);
    if (steps < 1) return 1;
    const covered = points.filter((p) => p.t > startMs && p.t <= endMs && p.value !== null).length;
    return Math.min(1, covered / steps);
  };
}

/**
 * Compliance of the last `months` calendar months (UTC), newest first. A month without traffic is
 * "no data"; one the data covers only partly (before the data began, past retention) is
 * "partial_data": its SLI is shown but it is not called met or missed on a part of it.
 */
export async function listMonthlyCompliance(slo: Slo, deps: SloQueryDeps, nowMs: number, months: number): Promise<SloMonth[]> {
  const budget = computeBudgetFraction(slo.objective);
  const spans: MonthSpan[] = Array.from({ length: months }, (_, i) => ({ startMs: toMonthStartMs(nowMs, -i), endMs: Math.min(toMonthStartMs(nowMs, 1 - i), nowMs) }));
  const [coverageOf, events] = await Promise.all([
    measureMonthlyCoverage(slo, deps, spans),
    Promise.all(spans.map(async (span) => ({ span, ...(span.endMs > span.startMs ? await queryEventsBetween(slo, deps, span.startMs, span.endMs) : { good: null, valid: null }) }))),
  ]);
  return events.map(({ span, good, valid }, i): SloMonth => {
    const sli = valid === null || good === null ? null : computeSli(good, valid);
    const errorRatio = sli === null ? null : 1 - sli;
    const coverage = sli === null ? 0 : coverageOf(span);
    return {
      month: toMonthKey(span.startMs),
      partial: i === 0,
      sli,
      validCount: sli === null ? null : valid,
      budgetSpent: errorRatio === null ? null : errorRatio / budget,
      coverage,
      verdict: errorRatio === null ? 'no_data' : coverage < FULL_COVERAGE ? 'partial_data' : meetsObjective(errorRatio, slo.objective) ? 'met' : 'missed',
    };
  });
}
