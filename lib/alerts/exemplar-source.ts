import type { Exemplar, Labels } from '@/lib/datasources/types';
import type { Slo } from '@/lib/slo/schema';
import { toEventSelectors } from '@/lib/slo/promql';

/**
 * Where an alert's exemplars come from and which of them are "bad" events: for an SLO alert the
 * SLI's counter or histogram (from the SLO definition), else the selectors in the rule expression.
 */

export interface ExemplarSource {
  /** Passed to Prometheus' query_exemplars, which reads every vector selector in it. */
  query: string;
  /** True when the exemplar's event counts against the objective (an error, a too-slow request). */
  isBad: (e: Exemplar) => boolean;
}

interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** The label matchers of one vector selector like `metric{a="b",c!~"5.."}` (the metric name as __name__). */
export function parseSelector(selector: string): Matcher[] {
  const name = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(selector)?.[1];
  const braces = /\{(.*)\}/s.exec(selector)?.[1] ?? '';
  const out: Matcher[] = name ? [{ name: '__name__', op: '=', value: name }] : [];
  for (const m of braces.matchAll(MATCHER)) out.push({ name: m[1]!, op: m[2] as Matcher['op'], value: JSON.parse(`"${m[3]!}"`) as string });
  return out;
}

/** Whether a series' labels satisfy every matcher (regexes are anchored, as in PromQL). */
export function matchesSelector(labels: Labels, matchers: Matcher[]): boolean {
  return matchers.every(({ name, op, value }) => {
    const v = labels[name] ?? '';
    if (op === '=') return v === value;
    if (op === '!=') return v !== value;
    const re = new RegExp(`^(?:${value})$`);
    return op === '=~' ? re.test(v) : !re.test(v);
  });
}

const looksLikeError = (labels: Labels) => /^5\d\d$/.test(labels.status ?? labels.status_code ?? labels.code ?? '') || labels.error === 'true' || labels.outcome === 'error';

/** The exemplar source of an SLO's SLI. */
export function toSloExemplarSource(slo: Pick<Slo, 'sli'>): ExemplarSource {
  const sli = slo.sli;
  if (sli.type === 'latency') {
    const { valid } = toEventSelectors(sli);
    // Exemplars live on the buckets; their value is the observed duration in seconds.
    return { query: valid.replace(/_count\{/, '_bucket{'), isBad: (e) => e.value > sli.thresholdSeconds };
  }
  const good = parseSelector(sli.good);
  return { query: sli.valid.trim(), isBad: (e) => !matchesSelector({ __name__: e.seriesLabels.__name__ ?? '', ...e.seriesLabels }, good) };
}

/** The exemplar source of a rule without an SLO: every selector in its expression; 5xx series are bad. */
export function toExpressionExemplarSource(expr: string): ExemplarSource {
  return { query: expr, isBad: (e) => looksLikeError(e.seriesLabels) };
}
