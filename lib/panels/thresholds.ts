import type { AlertRule, ResultNotice } from '@/lib/datasources/types';
import type { StaticThreshold, Threshold } from '@/lib/dashboards/schema';
import type { PanelContext } from './context';
import type { ResolvedThreshold } from './types';

/**
 * Thresholds drawn as horizontal lines: static values as written, or the value an alerting rule
 * compares against, read from Prometheus' rules API so the line moves when the rule changes.
 */

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const COMPARISON = new RegExp(String.raw`(?:>=|<=|>|<|==)\s*(?:bool\s+)?\(?\s*(${NUMBER}(?:\s*[*/]\s*${NUMBER})*)\s*\)?`);

/** Evaluates `a * b / c` made only of numbers (what rule generators write, e.g. `14.4 * 0.005`). */
function evaluateProduct(text: string): number | null {
  const parts = text.split(/\s*([*/])\s*/);
  let value = Number(parts[0]);
  for (let i = 1; i < parts.length; i += 2) {
    const n = Number(parts[i + 1]);
    value = parts[i] === '*' ? value * n : value / n;
  }
  return Number.isFinite(value) ? value : null;
}

/**
 * The threshold of an alerting rule: its `threshold` annotation when it has one, else the numeric
 * right-hand side of the first comparison in its expression; null when neither exists.
 */
export function extractRuleThreshold(rule: Pick<AlertRule, 'query' | 'annotations'>): number | null {
  const annotated = rule.annotations.threshold;
  if (annotated !== undefined && Number.isFinite(Number(annotated))) return Number(annotated);
  const m = COMPARISON.exec(rule.query);
  return m?.[1] ? evaluateProduct(m[1]) : null;
}

const COLORS: Record<string, string> = { green: '#16a34a', yellow: '#ca8a04', orange: '#ea580c', red: '#dc2626', blue: '#2563eb', purple: '#9333ea', grey: '#6b7280' };

/** A palette name or hex colour as a CSS colour. */
export function toCssColor(color: string): string {
  return COLORS[color] ?? color;
}

/** A static threshold as drawn: its value and label as written, its colour as CSS. */
export function toStaticThreshold(t: StaticThreshold): ResolvedThreshold {
  return { value: t.value, label: t.label, color: toCssColor(t.color), source: 'static' };
}

/** Resolves a panel's thresholds; a rule that is missing or has no numeric threshold becomes a notice, not an error. */
export async function resolveThresholds(ctx: PanelContext, thresholds: readonly Threshold[], notices: ResultNotice[]): Promise<ResolvedThreshold[]> {
  if (thresholds.length === 0) return [];
  const needsRules = thresholds.some((t) => 'alertRule' in t);
  const rules = needsRules ? await ctx.deps.alertRules(ctx.call) : [];
  const out: ResolvedThreshold[] = [];
  for (const t of thresholds) {
    if (!('alertRule' in t)) {
      out.push(toStaticThreshold(t));
      continue;
    }
    const rule = rules.find((r) => r.name === t.alertRule);
    const value = rule ? extractRuleThreshold(rule) : null;
    if (value === null) {
      notices.push({ code: 'PARTIAL', message: rule ? `Alert rule ${t.alertRule} has no numeric threshold to draw` : `Alert rule ${t.alertRule} is not loaded in Prometheus; its threshold line is not drawn` });
      continue;
    }
    out.push({ value, label: t.label ?? t.alertRule, color: toCssColor(t.color), source: 'alert-rule', alertRule: t.alertRule });
  }
  return out;
}
