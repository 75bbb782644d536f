import { parser as promParser } from '@prometheus-io/lezer-promql';
import { parser as logParser } from '@grafana/lezer-logql';
import type { SyntaxNode } from '@lezer/common';
import { findVariableRefs } from './interpolate';

/**
 * Static analysis of PromQL and LogQL with the lezer grammars the Prometheus and Grafana UIs use:
 * syntax errors with offsets, metric names and a rough series estimate.
 */

export type QueryLanguage = 'promql' | 'logql';

export interface SyntaxProblem {
  /** Offset in the original (un-interpolated) expression. */
  offset: number;
  message: string;
}

/**
 * Whether a bare reference stands where PromQL wants a duration: a range or subquery range
 * (`[$__range]`, `[$__range:`), a subquery step (`:$__interval]`) or after `offset`.
 */
function isDurationPosition(before: string, after: string): boolean {
  return (/[[:]\s*$/.test(before) && /^\s*[\]:]/.test(after)) || /\boffset\s+-?$/i.test(before);
}

/**
 * Replaces each variable reference with a placeholder of the same length, so offsets reported
 * by the parser point at the original text: durations where PromQL wants one, identifiers elsewhere.
 */
export function withPlaceholders(expr: string): string {
  let out = '';
  let last = 0;
  for (const ref of findVariableRefs(expr)) {
    const len = ref.end - ref.start;
    const isDuration = ref.context.kind === 'bare' && isDurationPosition(expr.slice(0, ref.start), expr.slice(ref.end));
    const text = isDuration ? `${'1'.repeat(len - 1)}m` : 'x'.repeat(len);
    out += expr.slice(last, ref.start) + text;
    last = ref.end;
  }
  return out + expr.slice(last);
}

/** The first syntax error of a query (after placeholders), or null when it parses. */
export function findSyntaxProblem(expr: string, language: QueryLanguage): SyntaxProblem | null {
  const text = withPlaceholders(expr);
  const tree = (language === 'promql' ? promParser : logParser).parse(text);
  let problem: SyntaxProblem | null = null;
  tree.iterate({
    enter: (node) => {
      if (problem || !node.type.isError) return problem === null;
      const near = text.slice(node.from, node.from + 12).split('\n')[0] ?? '';
      const what = node.from >= text.length ? 'unexpected end of query' : `unexpected ${JSON.stringify(near)}`;
      problem = { offset: node.from, message: `${language === 'promql' ? 'PromQL' : 'LogQL'} does not parse: ${what}` };
      return false;
    },
  });
  return problem;
}

/**
 * The offset of the first `/` whose numerator selects a subset of its denominator's series (the same
 * expression with more label matchers, e.g. 5xx of all requests) with no fallback: such a ratio is
 * empty, "No data", whenever no series matches the numerator, as for a service without errors.
 * `(numerator or denominator * 0) / denominator` (or `or vector(0)`) reads 0 there. Null when none.
 */
export function findRatioWithoutFallback(expr: string): number | null {
  const text = withPlaceholders(expr);
  const tree = promParser.parse(text);
  // The expression with its label matchers left out: equal for errors and all of the same metric.
  const shape = (n: SyntaxNode) => text.slice(n.from, n.to).replace(/\{[^}]*\}/g, '').replace(/\s+/g, '');
  const matchers = (n: SyntaxNode) => {
    let count = 0;
    tree.iterate({ from: n.from, to: n.to, enter: (m) => void (m.name.endsWith('LabelMatcher') && count++) });
    return count;
  };
  let found: number | null = null;
  tree.iterate({
    enter: (node) => {
      if (found !== null) return false;
      const div = node.name === 'BinaryExpr' ? node.node.getChild('Div') : null;
      const [left, right] = div ? exprChildren(node.node).map(unwrapParens) : [];
      if (!div || !left || !right) return true;
      const hasFallback = left.name === 'BinaryExpr' && left.getChild('Or') !== null;
      if (!hasFallback && shape(left) === shape(right) && matchers(left) > matchers(right)) found = div.from;
      return true;
    },
  });
  return found;
}

function unwrapParens(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenExpr') {
    const inner = lastExprChild(n);
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** True when a LogQL expression is a log query (lines), false for a metric query. */
export function isLogQuery(expr: string): boolean {
  const top = logParser.parse(withPlaceholders(expr)).topNode.firstChild?.firstChild;
  return top?.name === 'LogExpr';
}

/** Metric names a PromQL expression selects (by name or by a __name__ equality matcher). */
export function findMetricNames(expr: string): string[] {
  const text = withPlaceholders(expr);
  const names = new Set<string>();
  promParser.parse(text).iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return;
      const id = node.node.getChild('Identifier');
      if (id) names.add(text.slice(id.from, id.to));
      for (const m of matchersOf(node.node, text)) if (m.label === '__name__' && m.op === '=') names.add(m.value);
    },
  });
  return [...names];
}

interface Matcher {
  label: string;
  op: string;
  value: string;
}

function matchersOf(selector: SyntaxNode, text: string): Matcher[] {
  const out: Matcher[] = [];
  const list = selector.getChild('LabelMatchers');
  for (let m = list?.firstChild; m; m = m.nextSibling) {
    const label = m.getChild('LabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (label && op && value) out.push({ label: text.slice(label.from, label.to), op: text.slice(op.from, op.to), value: text.slice(value.from + 1, value.to - 1) });
  }
  return out;
}

/** Labels of the demo shop's and Sightline's metrics (the shared telemetry contract), for series estimates. */
export const KNOWN_METRIC_LABELS: Readonly<Record<string, readonly string[]>> = {
  http_server_requests_total: ['service', 'route', 'method', 'status'],
  http_server_request_duration_seconds: ['service', 'route', 'method', 'status'],
  dependency_requests_total: ['service', 'dependency', 'status'],
  dependency_request_duration_seconds: ['service', 'dependency'],
  queue_depth: ['service', 'queue'],
  queue_messages_total: ['service', 'queue', 'outcome'],
  cache_requests_total: ['service', 'cache', 'result'],
  orders_total: ['service', 'status'],
  build_info: ['service', 'version', 'commit'],
  sightline_http_requests_total: ['route', 'method', 'status'],
  sightline_http_request_duration_seconds: ['route', 'method'],
  sightline_upstream_requests_total: ['datasource', 'status', 'outcome'],
  sightline_upstream_request_duration_seconds: ['datasource'],
  sightline_breaker_state: ['datasource'],
  sightline_http_in_flight_requests: [],
  sightline_bulkhead_queue: ['datasource'],
  sightline_bulkhead_in_flight: ['datasource'],
  sightline_cache_requests_total: ['datasource', 'result'],
  sightline_coalesced_requests_total: ['datasource'],
};

/** Typical number of values per label; unknown labels count as 10. */
const LABEL_CARDINALITY: Readonly<Record<string, number>> = {
  service: 8, route: 14, method: 4, status: 8, le: 11, dependency: 6, queue: 2, outcome: 3, cache: 2, result: 2,
  version: 3, commit: 3, datasource: 4, instance: 1, job: 1,
};

const cardinality = (label: string) => LABEL_CARDINALITY[label] ?? 10;

/** Histogram and summary suffixes share the base metric's labels (plus `le`). */
function labelsOfMetric(name: string): string[] | null {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const labels = KNOWN_METRIC_LABELS[name] ?? KNOWN_METRIC_LABELS[base];
  if (!labels) return null;
  return name.endsWith('_bucket') ? [...labels, 'le'] : [...labels];
}

/**
 * Estimated number of series a PromQL expression returns, from the contract's label sets:
 * aggregations keep their `by` labels, equality matchers pin a label. Null when unknown.
 */
export function estimateSeries(expr: string): number | null {
  const text = withPlaceholders(expr);
  const root = promParser.parse(text).topNode.firstChild;
  return root ? estimateNode(root, text, new Set()) : null;
}

function estimateNode(node: SyntaxNode, text: string, dropped: ReadonlySet<string>): number | null {
  switch (node.name) {
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return 1;
    case 'ParenExpr':
    case 'MatrixSelector':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr': {
      const inner = node.getChild('VectorSelector') ?? lastExprChild(node);
      return inner ? estimateNode(inner, text, dropped) : null;
    }
    case 'VectorSelector': {
      const id = node.getChild('Identifier');
      const labels = id ? labelsOfMetric(text.slice(id.from, id.to)) : null;
      if (!labels) return null;
      const pinned = new Set(matchersOf(node, text).filter((m) => m.op === '=').map((m) => m.label));
      return labels.filter((l) => !pinned.has(l) && !dropped.has(l)).reduce((n, l) => n * cardinality(l), 1);
    }
    case 'AggregateExpr': {
      const modifier = node.getChild('AggregateModifier');
      const op = node.getChild('AggregateOp')?.firstChild?.name ?? '';
      if (['Topk', 'Bottomk', 'LimitK'].includes(op)) {
        const k = node.getChild('FunctionCallBody')?.getChild('NumberDurationLiteral');
        if (k) return Number(text.slice(k.from, k.to));
      }
      if (!modifier) return 1;
      if (modifier.getChild('Without')) return null;
      const labels = (modifier.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map((l) => text.slice(l.from, l.to));
      return labels.filter((l) => !dropped.has(l)).reduce((n, l) => n * cardinality(l), 1);
    }
    case 'FunctionCall': {
      const isQuantile = node.getChild('FunctionIdentifier')?.firstChild?.name === 'HistogramQuantile';
      const args = node.getChild('FunctionCallBody');
      const vector = args ? lastExprChild(args) : null;
      // histogram_quantile folds the `le` buckets into one series.
      return vector ? estimateNode(vector, text, isQuantile ? new Set([...dropped, 'le']) : dropped) : 1;
    }
    case 'BinaryExpr': {
      const sides = exprChildren(node).map((c) => estimateNode(c, text, dropped));
      if (sides.some((s) => s === null)) return null;
      return Math.max(...(sides as number[]));
    }
    default:
      return null;
  }
}

/** Children that are expressions (the grammar groups them as "Expr"), skipping operators and modifiers. */
function exprChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.type.is('Expr')) out.push(c);
  return out;
}

function lastExprChild(node: SyntaxNode): SyntaxNode | null {
  const children = exprChildren(node);
  return children[children.length - 1] ?? null;
}
