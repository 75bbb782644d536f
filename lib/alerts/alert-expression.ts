import { extractRuleThreshold } from '@/lib/panels/thresholds';
import type { AlertRule } from '@/lib/datasources/types';
import type { AlertDetail } from './types';

/**
 * Reads an alerting rule's expression for charting: the sides worth drawing and the threshold
 * they are compared with. A burn-rate rule `A > 14.4 * 0.005 and B > 14.4 * 0.005` charts A and B
 * (the error ratios) with one line at 0.072, instead of the bare expression, which only has
 * values while the alert fires.
 */

const SET_OPERATORS = new Set(['and', 'or', 'unless']);
const COMPARISONS = ['>=', '<=', '!=', '==', '>', '<'];

/** Splits `text` at top-level (outside parentheses, brackets, braces and strings) occurrences of a token. */
function splitTopLevel(text: string, matchAt: (i: number) => number): { parts: string[]; ops: string[] } {
  const parts: string[] = [];
  const ops: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0) {
      const len = matchAt(i);
      if (len > 0) {
        parts.push(text.slice(start, i));
        ops.push(text.slice(i, i + len));
        start = i + len;
        i += len - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return { parts: parts.map((p) => p.trim()), ops };
}

const isWordBoundary = (text: string, i: number) => i < 0 || i >= text.length || !/[A-Za-z0-9_:]/.test(text[i]!);

/** Length of a set operator (`and`/`or`/`unless` as a whole word) at i, else 0. */
function setOperatorAt(text: string, i: number): number {
  for (const op of SET_OPERATORS) {
    if (text.startsWith(op, i) && isWordBoundary(text, i - 1) && isWordBoundary(text, i + op.length)) return op.length;
  }
  return 0;
}

/** Length of a comparison operator at i, else 0 (`=~`/`!~` are label matchers, never top-level). */
function comparisonAt(text: string, i: number): number {
  return COMPARISONS.find((op) => text.startsWith(op, i))?.length ?? 0;
}

/** Index of the parenthesis closing the one at `open`, ignoring strings; -1 when unbalanced. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Strips parentheses that wrap the whole expression. */
function unwrap(expr: string): string {
  let e = expr.trim();
  while (e.startsWith('(') && closingParen(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  return e;
}

const NUMERIC = /^[\s()\d.eE+\-*/]+$/;

/**
 * The parts of an alert expression worth charting: each operand of a top-level `and`/`or`/`unless`,
 * with a trailing numeric comparison (`> 0.072`, `> (14.4 * 0.005)`) removed. Returns the whole
 * expression when it has no such structure. Duplicates are dropped.
 */
export function toChartExpressions(expr: string): string[] {
  const { parts } = splitTopLevel(expr, (i) => setOperatorAt(expr, i));
  const out: string[] = [];
  for (const part of parts) {
    const cmp = splitTopLevel(part, (i) => comparisonAt(part, i));
    const [lhs, rhs] = cmp.parts;
    const side = cmp.parts.length === 2 && lhs && rhs !== undefined && NUMERIC.test(rhs) ? lhs : cmp.parts.length === 2 && lhs && NUMERIC.test(lhs) && rhs ? rhs : part;
    const cleaned = unwrap(side.replace(/\bbool\b\s*$/, ''));
    if (cleaned && !out.includes(cleaned)) out.push(cleaned);
  }
  return out.length ? out : [expr.trim()];
}

/** Where an alert's threshold was read: the rule's `error_ratio_threshold` or `threshold` annotation, or its expression. */
export type AlertThresholdKind = 'error_ratio_threshold' | 'threshold' | 'expression';

/** An alerting rule's threshold and where it was read. */
export interface RuleThreshold {
  value: number;
  kind: AlertThresholdKind;
}

/**
 * The threshold of an alert for its chart: the SLO rules' `error_ratio_threshold` annotation (the
 * charted sides are error ratios), else a `threshold` annotation, else the number its expression
 * compares with. Null when none is known.
 */
export function readRuleThreshold(rule: Pick<AlertRule, 'query' | 'annotations'>): RuleThreshold | null {
  const a = rule.annotations;
  for (const kind of ['error_ratio_threshold', 'threshold'] as const) {
    const v = a[kind];
    if (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v))) return { value: Number(v), kind };
  }
  const parsed = extractRuleThreshold({ query: rule.query, annotations: {} });
  return parsed === null ? null : { value: parsed, kind: 'expression' };
}

/** The threshold as the alert page shows it: its value and where it came from in words (`annotation threshold`, `expression`). */
export function toAlertThreshold(threshold: RuleThreshold | null): AlertDetail['threshold'] {
  if (!threshold) return null;
  return { value: threshold.value, source: threshold.kind === 'expression' ? 'expression' : `annotation ${threshold.kind}` };
}
