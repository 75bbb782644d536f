import type { Sli } from './schema';

/**
 * PromQL built from an SLI definition. The schema guarantees good/valid are single vector
 * selectors, so wrapping them in `rate(...[w])` or `increase(...[w])` always parses.
 */

/** The recording rule that holds an SLO's error ratio over `window`, e.g. `slo:sli_error:ratio_rate1h`. */
export function toRecordingRuleName(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** Escapes a string for a PromQL double-quoted literal. */
export function escapePromString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

// prom-client writes le="1" while Prometheus 3 normalises classic histogram buckets to le="1.0":
// match both so the SLI survives an upgrade.
function toLeMatcher(thresholdSeconds: number): string {
  const text = String(thresholdSeconds);
  const pattern = text.replace(/\./g, '\\\\.') + (Number.isInteger(thresholdSeconds) ? '(\\\\.0)?' : '');
  return `le=~"${pattern}"`;
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
 * Error ratio over `window`: (valid − good) / valid. A missing good series (every event bad)
 * counts as zero good events; zero valid events give NaN, i.e. no data, never 0% errors.
 */
export function buildErrorRatioExpr(sli: Sli, window: string): string {
  const { good, valid } = toEventSelectors(sli);
  const validRate = `sum(rate(${valid}[${window}]))`;
  return `(${validRate} - (sum(rate(${good}[${window}])) or vector(0))) / ${validRate}`;
}

/** Total increase of the good and the valid events over `window` ending at the evaluation time. */
export function buildIncreaseExprs(sli: Sli, window: string): { good: string; valid: string } {
  const { good, valid } = toEventSelectors(sli);
  return { good: `sum(increase(${good}[${window}]))`, valid: `sum(increase(${valid}[${window}]))` };
}
