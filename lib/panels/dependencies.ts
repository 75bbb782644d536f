import type { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import type { DependencyLink, ResultNotice, TimeSeries } from '@/lib/datasources/types';
import { interpolateText, SAFE_VALUE } from '@/lib/dashboards/interpolate';
import { escapeQuotedString } from '@/lib/promql/escape';
import type { DependenciesPanelSchema } from '@/lib/dashboards/schema';
import { formatDuration } from '@/lib/dashboards/time';
import type { PanelContext } from './context';
import type { DependenciesData, DependencyEdge } from './types';

type DependenciesPanel = z.infer<typeof DependenciesPanelSchema>;

/** Statuses of dependency_requests_total that count as errors: 5xx answers and no answer at all. */
const ERROR_STATUS = '5..|error';

/** PromQL for one direction: `side` is the label naming the panel's service, `other` the peer. */
export function buildDependencyQueries(service: string, direction: DependencyEdge['direction'], window: string) {
  const side = direction === 'downstream' ? 'service' : 'dependency';
  const other = direction === 'downstream' ? 'dependency' : 'service';
  const sel = `${side}="${escapeQuotedString(service)}"`;
  return {
    other,
    rate: `sum by (${other}) (rate(dependency_requests_total{${sel}}[${window}]))`,
    errors: `sum by (${other}) (rate(dependency_requests_total{${sel},status=~"${ERROR_STATUS}"}[${window}]))`,
    p95: `histogram_quantile(0.95, sum by (${other}, le) (rate(dependency_request_duration_seconds_bucket{${sel}}[${window}])))`,
  };
}

const lastValue = (s: TimeSeries | undefined): number | null => {
  const v = s?.samples[s.samples.length - 1]?.value;
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
};

/**
 * A service's upstream (callers) and downstream (callees) dependencies with rate, error ratio and
 * p95 latency per edge from the shop's client metrics, joined with the calls Jaeger saw per edge.
 * Jaeger being unavailable costs the trace counts only, said in a notice.
 */
export async function resolveDependencies(ctx: PanelContext, panel: DependenciesPanel): Promise<DependenciesData> {
  const service = interpolateText(panel.service, ctx.values);
  if (!SAFE_VALUE.test(service)) throw new AppError('INVALID_INPUT', `service ${JSON.stringify(service)} of panel ${panel.id} has characters that are not allowed`);
  const notices: ResultNotice[] = [];
  const window = formatDuration(ctx.builtins.rangeSeconds);
  const instant = async (q: string) => {
    const r = await ctx.deps.queryInstant(q, ctx.window.end, ctx.call);
    notices.push(...r.notices);
    return r.data;
  };
  const links = ctx.deps.traceDependencies(ctx.window.end, ctx.window.end - ctx.window.start, ctx.call).catch((err: unknown): DependencyLink[] => {
    notices.push({ code: 'PARTIAL', message: `Trace call counts unavailable: ${err instanceof Error ? err.message : String(err)}` });
    return [];
  });

  const edges: DependencyEdge[] = [];
  for (const direction of ['upstream', 'downstream'] as const) {
    const q = buildDependencyQueries(service, direction, window);
    const [rate, errors, p95] = await Promise.all([instant(q.rate), instant(q.errors), instant(q.p95)]);
    const find = (list: TimeSeries[], peer: string) => list.find((s) => s.labels[q.other] === peer);
    const peers = new Set(rate.map((s) => s.labels[q.other] ?? '').filter(Boolean));
    for (const l of await links) {
      if (direction === 'downstream' && l.parent === service && l.child !== service) peers.add(l.child);
      if (direction === 'upstream' && l.child === service && l.parent !== service) peers.add(l.parent);
    }
    for (const peer of [...peers].sort()) {
      const r = lastValue(find(rate, peer));
      const e = lastValue(find(errors, peer));
      const link = (await links).find((l) => (direction === 'downstream' ? l.parent === service && l.child === peer : l.child === service && l.parent === peer));
      edges.push({
        direction,
        service: peer,
        rate: r,
        // No error series with traffic means no errors; no traffic means no data.
        errorRatio: r === null || r === 0 ? null : (e ?? 0) / r,
        p95Seconds: lastValue(find(p95, peer)),
        traceCalls: link ? link.callCount : null,
      });
    }
  }
  return { type: 'dependencies', window: ctx.window, notices, service, edges };
}
