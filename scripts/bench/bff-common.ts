import { readFileSync } from 'node:fs';
import path from 'node:path';
import { interpolateQuery } from '@/lib/dashboards/interpolate';
import { alignWindow, computeRateInterval, computeStep, DEFAULT_SCRAPE_INTERVAL_S } from '@/lib/dashboards/time';
import type { BenchStack } from './bff-stack';

/** Shared helpers of the BFF benchmarks (bff-vs-prometheus, bff-coalescing, bff-memory). */

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The trivial query of benchmark (a): one series (241 points over an hour at 15 s) of the demo
 * shop's backfilled metrics, cheap for Prometheus, so that the BFF's fixed cost per request shows
 * most. It must match data: a query of Prometheus' own metrics finds none in the shifted ranges,
 * and compared empty answers.
 */
export const TRIVIAL = 'sum(rate(http_server_requests_total[5m]))';

/** Fetches a BFF path with the stack's bearer token and a 30 s time box. */
export function bff(stack: BenchStack, pathAndQuery: string): Promise<Response> {
  return fetch(`${stack.bffUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${stack.token}` }, signal: AbortSignal.timeout(30_000) });
}

/** MAX_GET_PARAMS_LENGTH of lib/datasources/prometheus/client.ts (server-only, so not importable here). */
const MAX_GET_PARAMS_LENGTH = 4096;

/**
 * Sends a range query straight to Prometheus with the same method as the BFF (a GET, or a
 * form-encoded POST when the parameters are long; times in seconds). Both sides use fetch's
 * defaults otherwise: keep-alive and `Accept-Encoding: gzip, deflate`.
 */
export function promRange(stack: BenchStack, q: { query: string; startMs: number; endMs: number; stepSeconds: number }): Promise<Response> {
  const params = new URLSearchParams({ query: q.query, start: (q.startMs / 1000).toFixed(3), end: (q.endMs / 1000).toFixed(3), step: String(q.stepSeconds) });
  const url = `${stack.prometheusUrl}/api/v1/query_range`;
  const signal = AbortSignal.timeout(30_000);
  return params.toString().length > MAX_GET_PARAMS_LENGTH ? fetch(url, { method: 'POST', body: params, signal }) : fetch(`${url}?${params}`, { signal });
}

/** GETs exemplars straight from Prometheus, as the BFF does for a panel with exemplars (seconds). */
export function promExemplars(stack: BenchStack, q: { query: string; startMs: number; endMs: number }): Promise<Response> {
  const qs = new URLSearchParams({ query: q.query, start: (q.startMs / 1000).toFixed(3), end: (q.endMs / 1000).toFixed(3) });
  return fetch(`${stack.prometheusUrl}/api/v1/query_exemplars?${qs}`, { signal: AbortSignal.timeout(30_000) });
}

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Reads a counter from Prometheus text exposition: the sum of the samples whose line has every `needle`. */
export function sumSamples(text: string, metric: string, needles: string[] = []): number {
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${metric}{`) || l.startsWith(`${metric} `)) && needles.every((n) => l.includes(n)))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/** Prometheus' own count of the HTTP requests it has served, by API handler (e.g. "/api/v1/query_range"): real upstream calls. */
export async function prometheusRequestsByHandler(stack: BenchStack): Promise<Map<string, number>> {
  const text = await (await fetch(`${stack.prometheusUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^prometheus_http_requests_total\{.*handler="(\/api\/[^"]+)".*\} (\S+)$/.exec(line);
    if (m?.[1]) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[2]));
  }
  return out;
}

/** How many range queries Prometheus itself has served (its own counter: real upstream calls). */
export async function prometheusQueryRangeCount(stack: BenchStack): Promise<number> {
  return (await prometheusRequestsByHandler(stack)).get('/api/v1/query_range') ?? 0;
}

/** The BFF's own count of upstream Prometheus calls (sightline_upstream_requests_total). */
export async function bffUpstreamCount(stack: BenchStack): Promise<number> {
  const text = await (await bff(stack, '/api/metrics')).text();
  return sumSamples(text, 'sightline_upstream_requests_total', ['datasource="prometheus"']);
}

interface PanelDef {
  id: string;
  query?: { expr: string };
  queries?: { expr: string }[];
  exemplars?: boolean;
}

/**
 * A panel of the public-api dashboard and the exact upstream requests the BFF sends for it over
 * [now-rangeMs, now] shifted back by `shiftSteps` steps (a different cache key each shift): its range
 * queries, and for a panel with `exemplars: true` one exemplar query per expression over the window.
 */
export function panelQueries(panelId: string, rangeMs: number, nowMs: number, shiftSteps: number) {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'dashboards', 'public-api.json'), 'utf8')) as { time: { resolution: string; maxPoints: number }; rows: { panels: PanelDef[] }[] };
  const panel = file.rows.flatMap((r) => r.panels).find((p) => p.id === panelId);
  if (!panel) throw new Error(`public-api has no panel ${panelId}`);
  const { stepSeconds } = computeStep(rangeMs, file.time.resolution, file.time.maxPoints);
  const shiftMs = shiftSteps * stepSeconds * 1000;
  // As lib/panels/resolve.ts: range queries on the step up to rangeEnd, exemplars up to the window's end.
  const window = alignWindow({ start: (nowMs - rangeMs - shiftMs) as never, end: (nowMs - shiftMs) as never }, stepSeconds, DEFAULT_SCRAPE_INTERVAL_S);
  const builtins = { rangeSeconds: (window.rangeEnd - window.start) / 1000, intervalSeconds: stepSeconds, rateIntervalSeconds: computeRateInterval(stepSeconds) };
  const exprs = (panel.queries ?? (panel.query ? [panel.query] : [])).map((q) => interpolateQuery(q.expr, {}, builtins));
  return {
    stepSeconds,
    from: nowMs - rangeMs - shiftMs,
    to: nowMs - shiftMs,
    queries: exprs.map((query) => ({ query, startMs: window.start, endMs: window.rangeEnd, stepSeconds })),
    exemplarQueries: panel.exemplars ? exprs.map((query) => ({ query, startMs: window.start, endMs: window.end })) : [],
  };
}
