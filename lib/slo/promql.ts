import { escapeQuotedString } from '@/lib/promql/escape';
import type { Sli } from './schema';

/**
 * PromQL built from an SLI definition. The schema guarantees good/valid are single vector
 * selectors, so wrapping them in `rate(...[w])` or `increase(...[w])` always parses.
 */

/** The recording rule that holds an SLO's error ratio over `window`, e.g. `slo:sli_error:ratio_rate1h`. */
export function toRecordingRuleName(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

// prom-client writes le="1" while Prometheus 3 normalises classic histogram buckets to le="1.0":
// match both so the SLI survives an upgrade.
function toLePattern(thresholdSeconds: number): string {
  return String(thresholdSeconds).replace(/\./g, '\\.') + (Number.isInteger(thresholdSeconds) ? '(\\.0)?' : '');
}

function toLeMatcher(thresholdSeconds: number): string {
  return `le=~"${escapeQuotedString(toLePattern(thresholdSeconds))}"`;
}

/**
 * Why a latency SLI's threshold matches none of its histogram's buckets, given the `le` values
 * Prometheus has for `<metric>_bucket{selector}`; null when one matches.
 */
export function checkThresholdBucket(sli: Extract<Sli, { type: 'latency' }>, leValues: string[]): string | null {
  const series = `${sli.metric}_bucket{${sli.selector}}`;
  if (leValues.length === 0) return `no ${series} series in Prometheus: the SLI has no data`;
  const pattern = new RegExp(`^(?:${toLePattern(sli.thresholdSeconds)})$`);
  if (leValues.some((le) => pattern.test(le))) return null;
  const bounds = leValues.filter((le) => le !== '+Inf').sort((a, b) => Number(a) - Number(b));
  return `thresholdSeconds ${sli.thresholdSeconds} is not a bucket boundary of ${series} (boundaries: ${bounds.join(', ')}): no request can count as good, so the SLI has no data`;
}

function joinMatchers(...parts: string[]): string {
  return parts
    .map((p) => p.trim().replace(/,\s*$/, ''))
    .filter((p) => p.length > 0)
    .join(',');
}

/** Vector selectors of the good and the valid events of an SLI (counters, no rate). */
export function toEventSelectors(sli: Sli): { good: string; valid: string } {
  if (sli.type === 'ratio') return { good: sli.good.trim(), valid: sli.valid.trim() };
  return {
    good: `${sli.metric}_bucket{${joinMatchers(sli.selector, toLeMatcher(sli.thresholdSeconds))}}`,
    valid: `${sli.metric}_count{${joinMatchers(sli.selector)}}`,
  };
}

/**
 * Error ratio over `window`: (valid − good) / valid; zero valid events give NaN, i.e. no data,
 * never 0% errors. A ratio SLI's good series may be missing because every event failed (no 200
 * was ever counted): zero good events. A histogram exports every bucket, at zero too, so a latency
 * SLI's missing bucket means the threshold is no bucket boundary: no data, never an outage.
 */
export function buildErrorRatioExpr(sli: Sli, window: string): string {
  const { good, valid } = toEventSelectors(sli);
  const validRate = `sum(rate(${valid}[${window}]))`;
  const goodRate = `sum(rate(${good}[${window}]))`;
  return `(${validRate} - ${sli.type === 'ratio' ? `(${goodRate} or vector(0))` : goodRate}) / ${validRate}`;
}

/**
 * Good events from a query's answer (null = no series), by the rule of buildErrorRatioExpr:
 * missing means zero for a ratio SLI, unknown (null) for a latency SLI; null without valid events.
 */
export function readGoodCount(sli: Sli, good: number | null, valid: number | null): number | null {
  if (valid === null) return null;
  if (good === null) return sli.type === 'ratio' ? 0 : null;
  return Math.min(Math.max(good, 0), valid);
}

/** Total increase of the good and the valid events over `window` ending at the evaluation time. */
export function buildIncreaseExprs(sli: Sli, window: string): { good: string; valid: string } {
  const { good, valid } = toEventSelectors(sli);
  return { good: `sum(increase(${good}[${window}]))`, valid: `sum(increase(${valid}[${window}]))` };
}
