import { asUnixMs, type AlertRule, type UnixMs } from '@/lib/datasources/types';
import type { Slo } from '@/lib/slo/schema';
import { toAlertThreshold } from './alert-expression';

/**
 * Where an alert's candidate traces are searched in Jaeger: around the alert's start rather than
 * the last minutes (Jaeger answers the newest traces first, up to its limit), only traces slower
 * than the latency threshold when the alert is about latency, and in the page's environment.
 */

/** Candidate traces are searched this far either side of the alert's start. */
export const CANDIDATE_SPAN_MS = 10 * 60_000;
/** The resource attribute holding a trace's environment (OpenTelemetry semantic conventions). */
export const ENVIRONMENT_TAG = 'deployment.environment.name';

export interface CandidateSearch {
  start: UnixMs;
  end: UnixMs;
  /** Only traces at least this slow are "slow" (the alert's latency threshold); null when unknown. */
  minDurationSeconds: number | null;
  environment: string | null;
}

/**
 * The search window and filters: ten minutes either side of when the alert became active, never
 * past now (the last ten minutes when its start is unknown).
 */
export function toCandidateSearch(a: { activeAt: UnixMs | null; now: number; minDurationSeconds: number | null; environment?: string | null }): CandidateSearch {
  const onset = Math.min(a.activeAt ?? a.now, a.now);
  return { start: asUnixMs(onset - CANDIDATE_SPAN_MS), end: asUnixMs(Math.min(onset + CANDIDATE_SPAN_MS, a.now)), minDurationSeconds: a.minDurationSeconds, environment: a.environment || null };
}

const SECONDS_HISTOGRAM = /\b[a-zA-Z_:][a-zA-Z0-9_:]*_seconds_bucket\b/;

/**
 * How slow a request must be to count against a latency alert, in seconds: a latency SLO's
 * threshold; for a rule on a quantile of a `*_seconds` histogram, the threshold it compares with.
 * Null when the alert is not known to be about latency.
 */
export function toSlowThresholdSeconds(slo: Pick<Slo, 'sli'> | null, rule: Pick<AlertRule, 'query' | 'annotations'> | null): number | null {
  if (slo) return slo.sli.type === 'latency' ? slo.sli.thresholdSeconds : null;
  if (!rule || !/\bhistogram_quantile\s*\(/.test(rule.query) || !SECONDS_HISTOGRAM.test(rule.query)) return null;
  const threshold = toAlertThreshold(rule);
  return threshold && threshold.source !== 'annotation error_ratio_threshold' && threshold.value > 0 ? threshold.value : null;
}

/** A duration in Go syntax for Jaeger's minDuration, to the microsecond. */
export function toJaegerDuration(seconds: number): string {
  return `${Math.round(seconds * 1e6)}us`;
}
