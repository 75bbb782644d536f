import { asUnixMs, type AlertRule, type UnixMs } from '@/lib/datasources/types';
import type { Slo } from '@/lib/slo/schema';
import { plural } from '@/lib/text/plural';
import type { RuleThreshold } from './alert-expression';

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
 * The search window and filters: CANDIDATE_SPAN_MS either side of when the alert became active,
 * never past now (the last CANDIDATE_SPAN_MS when its start is unknown).
 */
export function toCandidateSearch(a: { activeAt: UnixMs | null; now: number; minDurationSeconds: number | null; environment?: string | null }): CandidateSearch {
  const onset = Math.min(a.activeAt ?? a.now, a.now);
  return { start: asUnixMs(onset - CANDIDATE_SPAN_MS), end: asUnixMs(Math.min(onset + CANDIDATE_SPAN_MS, a.now)), minDurationSeconds: a.minDurationSeconds, environment: a.environment || null };
}

const SECONDS_HISTOGRAM = /\b[a-zA-Z_:][a-zA-Z0-9_:]*_seconds_bucket\b/;

/**
 * How slow a request must be to count against a latency alert, in seconds: a latency SLO's
 * threshold; for a rule on a quantile of a `*_seconds` histogram, the threshold it compares with
 * (`threshold`, the rule's as readRuleThreshold read it; an error ratio is not a duration).
 * Null when the alert is not known to be about latency.
 */
export function toSlowThresholdSeconds(slo: Pick<Slo, 'sli'> | null, rule: Pick<AlertRule, 'query'> | null, threshold: RuleThreshold | null): number | null {
  if (slo) return slo.sli.type === 'latency' ? slo.sli.thresholdSeconds : null;
  if (!rule || !/\bhistogram_quantile\s*\(/.test(rule.query) || !SECONDS_HISTOGRAM.test(rule.query)) return null;
  return threshold && threshold.kind !== 'error_ratio_threshold' && threshold.value > 0 ? threshold.value : null;
}

/** Says where candidates were searched, as toCandidateSearch chose it: around the alert's start, or the last minutes when it is unknown. */
export function describeCandidateSpan(activeAtKnown: boolean): string {
  const span = plural(CANDIDATE_SPAN_MS / 60_000, 'minute');
  return activeAtKnown ? `${span} either side of when the alert became active.` : `the last ${span}.`;
}

/** A duration in Go syntax for Jaeger's minDuration, to the microsecond. */
export function toJaegerDuration(seconds: number): string {
  return `${Math.round(seconds * 1e6)}us`;
}
