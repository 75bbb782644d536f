import { asUnixMs, type Deployment, type ResultNotice, type Sample, type TimeSeries } from '@/lib/datasources/types';
import { interpolateQuery, interpolateText } from '@/lib/dashboards/interpolate';
import type { Query, StatPanelSchema, TimeseriesPanelSchema, Unit } from '@/lib/dashboards/schema';
import type { z } from 'zod';
import { seriesCappedNotice } from '@/lib/datasources/series-limit';
import type { PanelContext } from './context';
import { resolveExemplars } from './exemplars';
import { resolveThresholds } from './thresholds';
import type { PanelSeries, StatData, TimeseriesData } from './types';

type TimeseriesPanel = z.infer<typeof TimeseriesPanelSchema>;
type StatPanel = z.infer<typeof StatPanelSchema>;

/** Fills a legend template: `{{route}}` becomes the series' route label. */
export function formatLegend(template: string | undefined, labels: Record<string, string>, fallback: string): string {
  if (!template) return fallback;
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}

/** Runs one query of a panel over the window's steps, `start` to `rangeEnd` (through the step-aligned panel cache). */
async function runRangeQuery(ctx: PanelContext, q: Query, unit: Unit, notices: ResultNotice[]): Promise<PanelSeries[]> {
  const expr = interpolateQuery(q.expr, ctx.values, ctx.builtins);
  const r = await ctx.deps.queryRange({ query: expr, start: ctx.window.start, end: ctx.window.rangeEnd, stepSeconds: ctx.window.stepSeconds }, ctx.call);
  notices.push(...r.notices);
  return r.data.map((s) => ({ ...s, id: `${q.id}:${s.id}`, name: formatLegend(q.legend, s.labels, s.name || q.id), queryId: q.id, unit: q.unit ?? unit, axis: q.axis }));
}

/**
 * Deployments of the panel's services (variables interpolated) that started inside the window, oldest
 * first. Read once the panel's queries are on their way: on SQLite the read runs on the event loop,
 * and before them it would delay every upstream request by its time rather than overlap their wait.
 */
async function resolveDeployments(ctx: PanelContext, services: readonly string[]): Promise<Deployment[]> {
  // Service names may use variables ("$service"); a multi-value variable names several services.
  const names = [...new Set(services.flatMap((s) => interpolateText(s, ctx.values).split(', ')))].filter((s) => !s.includes('$'));
  if (names.length === 0) return [];
  await new Promise<void>((resolve) => setImmediate(resolve));
  const list = await ctx.deps.listDeployments({ services: names, from: new Date(ctx.window.start), to: new Date(ctx.window.end) });
  return [...list].sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * The most series a panel draws (all its queries together). A dashboard is meant to be read at a
 * glance; a query that fans out over a high-cardinality label (a variable set to "All") would
 * otherwise send thousands of lines to every viewer's browser.
 */
export const PANEL_MAX_SERIES = 200;

/** A time series panel: every query's series (at most PANEL_MAX_SERIES), thresholds, deployments in range and, when asked, exemplars. */
export async function resolveTimeseries(ctx: PanelContext, panel: TimeseriesPanel): Promise<TimeseriesData> {
  const notices: ResultNotice[] = [];
  const [seriesLists, thresholds, deployments, exemplars] = await Promise.all([
    Promise.all(panel.queries.map((q) => runRangeQuery(ctx, q, panel.unit, notices))),
    resolveThresholds(ctx, panel.thresholds, notices),
    resolveDeployments(ctx, panel.deploymentServices),
    panel.exemplars ? resolveExemplars(ctx, panel.queries, notices) : null,
  ]);
  const series = seriesLists.flat();
  if (series.length > PANEL_MAX_SERIES) notices.push(seriesCappedNotice(series.length, PANEL_MAX_SERIES, { returned: panel.queries.length > 1 ? "The panel's queries returned" : 'The query returned', unit: 'series' }));
  const data: TimeseriesData = { type: 'timeseries', window: ctx.window, notices, series: series.slice(0, PANEL_MAX_SERIES), thresholds, deployments };
  return exemplars ? { ...data, exemplars } : data;
}

/** Reduces samples to one value, ignoring gaps; null when every sample is a gap. */
export function reduceSamples(samples: readonly Sample[], how: StatPanel['reduce']): number | null {
  const values = samples.map((s) => s.value).filter((v): v is number => v !== null && !Number.isNaN(v));
  if (values.length === 0) return null;
  switch (how) {
    case 'last':
      return values[values.length - 1] ?? null;
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
  }
}

/**
 * The query's series at the window's end when that is past the range's last step (up to a step
 * later): the newest value, which the range leaves out. Empty when the end is the last step.
 */
async function runInstantAtEnd(ctx: PanelContext, q: Query, notices: ResultNotice[]): Promise<TimeSeries[]> {
  if (ctx.window.end <= ctx.window.rangeEnd) return [];
  const r = await ctx.deps.queryInstant(interpolateQuery(q.expr, ctx.values, ctx.builtins), ctx.window.end, ctx.call);
  notices.push(...r.notices);
  return r.data;
}

/**
 * A stat panel: one reduced value with its sparkline; several series are summed point by point. The
 * sparkline ends with the value at the window's end, so `last` is the newest value, not a step old.
 */
export async function resolveStat(ctx: PanelContext, panel: StatPanel): Promise<StatData> {
  const notices: ResultNotice[] = [];
  const [series, atEnd, thresholds, deployments] = await Promise.all([
    runRangeQuery(ctx, panel.query, panel.unit, notices),
    runInstantAtEnd(ctx, panel.query, notices),
    resolveThresholds(ctx, panel.thresholds, notices),
    resolveDeployments(ctx, panel.deploymentServices),
  ]);
  if (series.length > 1) notices.push({ code: 'PARTIAL', message: `The query returned ${series.length} series; the stat shows their sum` });
  const byTime = new Map<number, number | null>();
  for (const s of [...series, ...atEnd]) {
    for (const p of s.samples) {
      const prev = byTime.get(p.t);
      byTime.set(p.t, p.value === null ? (prev ?? null) : (prev ?? 0) + p.value);
    }
  }
  const sparkline = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, value]): Sample => ({ t: asUnixMs(t), value }));
  return { type: 'stat', window: ctx.window, notices, value: reduceSamples(sparkline, panel.reduce), sparkline, thresholds, deployments };
}
