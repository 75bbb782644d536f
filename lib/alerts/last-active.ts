import type { Labels, TimeSeries, UnixMs } from '@/lib/datasources/types';
import { escapeQuotedString } from '@/lib/promql/escape';
import { LABEL_NAME } from './label-params';

/**
 * When an alert that has resolved was last active, from Prometheus' synthetic ALERTS series (one
 * sample per rule evaluation while the alert is pending or firing, labelled like the alert plus
 * `alertstate`). Lets a link to a resolved alert chart it around when it fired.
 */

/** How far back a resolved alert's last active period is looked for. */
export const LAST_ACTIVE_LOOKBACK_MS = 7 * 24 * 3_600_000;
/** Seconds between the ALERTS points read: a minute's precision, under Prometheus' 11,000 points. */
export const LAST_ACTIVE_STEP_SECONDS = Math.ceil(LAST_ACTIVE_LOOKBACK_MS / 1000 / 10_000);

/** From the first to the last ALERTS point of one active period. */
export interface LastActivePeriod {
  start: UnixMs;
  end: UnixMs;
}

/** `ALERTS{alertname="…",…}` for an alert's name and labels (`alertstate` left open: pending or firing). */
export function toAlertsSelector(alertname: string, labels: Labels = {}): string {
  const rest = Object.keys(labels)
    .filter((k) => k !== 'alertname' && k !== 'alertstate' && LABEL_NAME.test(k))
    .sort();
  const matchers = [`alertname="${escapeQuotedString(alertname)}"`, ...rest.map((k) => `${k}="${escapeQuotedString(labels[k]!)}"`)];
  return `ALERTS{${matchers.join(',')}}`;
}

/**
 * The range to read it over: the lookback, ending exactly at `nowMs` on the step grid, so that the
 * last point read covers the last step (an alert that resolved seconds ago is seen).
 */
export function lastActiveRange(nowMs: number, stepSeconds = LAST_ACTIVE_STEP_SECONDS): { start: UnixMs; end: UnixMs } {
  const steps = Math.ceil(LAST_ACTIVE_LOOKBACK_MS / 1000 / stepSeconds);
  return { start: (nowMs - steps * stepSeconds * 1000) as UnixMs, end: nowMs as UnixMs };
}

/**
 * The query for an alert's activity over the lookback: whether it was pending or firing at any
 * evaluation within each step. ALERTS itself, read on a grid of minute-long steps, misses an alert
 * active for less than a step between two grid points (its series ends with a stale marker).
 */
export function toLastActiveQuery(alertname: string, labels: Labels = {}, stepSeconds = LAST_ACTIVE_STEP_SECONDS): string {
  return `max_over_time(${toAlertsSelector(alertname, labels)}[${stepSeconds}s])`;
}

/**
 * The last period the alert was active, from ALERTS points read every `stepSeconds`: the last run
 * of points without a gap (pending and firing series together). Null when it was never active.
 */
export function toLastActivePeriod(series: TimeSeries[], stepSeconds: number): LastActivePeriod | null {
  const times = [...new Set(series.flatMap((s) => s.samples.filter((p) => p.value !== null).map((p) => p.t)))].sort((a, b) => a - b);
  if (times.length === 0) return null;
  const maxGapMs = stepSeconds * 1000 * 1.5;
  let first = times.length - 1;
  while (first > 0 && times[first]! - times[first - 1]! <= maxGapMs) first--;
  return { start: times[first]!, end: times[times.length - 1]! };
}
