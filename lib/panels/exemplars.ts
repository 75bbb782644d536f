import { interpolateQuery } from '@/lib/dashboards/interpolate';
import type { Query } from '@/lib/dashboards/schema';
import type { Exemplar, ResultNotice } from '@/lib/datasources/types';
import type { PanelContext } from './context';
import type { PanelExemplar } from './types';

/**
 * Exemplars of a time series panel (`"exemplars": true`): traced events Prometheus stored beside a
 * histogram's or counter's samples, read with query_exemplars for each query's expression. Exemplars
 * live in a fixed in-memory ring in Prometheus, so an empty answer is normal, and a failed read only
 * costs the panel its exemplars, never its series.
 */

/** Most exemplars one panel answers with: enough to find the slow requests, few enough to draw at once. */
export const MAX_PANEL_EXEMPLARS = 500;

/** One query's exemplars as panel exemplars; those without a trace id (nothing to open) or a number are dropped. */
export function toPanelExemplars(queryId: string, exemplars: readonly Exemplar[]): PanelExemplar[] {
  const out: PanelExemplar[] = [];
  for (const e of exemplars) {
    // A NaN or infinite value has no point on the chart to mark and nothing to print.
    if (!e.traceId || !Number.isFinite(e.value)) continue;
    const spanId = e.labels.span_id ?? e.labels.spanID ?? e.labels.spanId;
    out.push({ t: e.t, value: e.value, traceId: e.traceId, ...(spanId ? { spanId } : {}), queryId, seriesLabels: e.seriesLabels });
  }
  return out;
}

/**
 * Merges the exemplars of a panel's queries: an event read by two queries (p99 and p99.9 over one
 * histogram) is kept once, for the first query; past `max`, the newest are kept. Oldest first.
 */
export function selectPanelExemplars(lists: readonly PanelExemplar[][], max = MAX_PANEL_EXEMPLARS): { exemplars: PanelExemplar[]; total: number } {
  const byEvent = new Map<string, PanelExemplar>();
  for (const list of lists) {
    for (const e of list) {
      const key = `${e.traceId}/${e.spanId ?? ''}/${e.t}`;
      if (!byEvent.has(key)) byEvent.set(key, e);
    }
  }
  const all = [...byEvent.values()].sort((a, b) => a.t - b.t);
  return { exemplars: all.slice(Math.max(0, all.length - max)), total: all.length };
}

/**
 * Reads the exemplars of every query over the panel's window, in parallel, through the same call
 * options as the range queries (panel cache and coalescing: one upstream call per distinct request).
 */
export async function resolveExemplars(ctx: PanelContext, queries: readonly Query[], notices: ResultNotice[]): Promise<PanelExemplar[]> {
  const results = await Promise.allSettled(
    queries.map(async (q) => {
      const expr = interpolateQuery(q.expr, ctx.values, ctx.builtins);
      const r = await ctx.deps.queryExemplars(expr, ctx.window.start, ctx.window.end, ctx.call);
      notices.push(...r.notices);
      return toPanelExemplars(q.id, r.data);
    }),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) notices.push({ code: 'PARTIAL', message: `Exemplars are unavailable: ${failure.reason instanceof Error ? failure.reason.message : String(failure.reason)}` });
  const { exemplars, total } = selectPanelExemplars(results.map((r) => (r.status === 'fulfilled' ? r.value : [])));
  if (total > exemplars.length) notices.push({ code: 'ENTRIES_CAPPED', message: `Showing the newest ${exemplars.length} of ${total} exemplars in this range` });
  return exemplars;
}
