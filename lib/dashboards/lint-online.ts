import { z } from 'zod';
import type { Dashboard } from './schema';
import { positionOf } from './json-position';
import type { ParsedFile } from './parse-file';
import type { Diagnostic } from './lint';
import { MAX_SERIES_PER_PANEL, querySites } from './lint-dashboard';
import { interpolateQuery } from './interpolate';
import { findMetricNames } from './query-analysis';

/**
 * `lint:dashboards --online <prometheus-url>`: asks a real Prometheus whether every metric a
 * dashboard selects exists, and how many series each query returns with the variables' defaults.
 */

const PromResponse = z.object({ status: z.literal('success'), data: z.unknown() });
const SeriesList = z.array(z.record(z.string(), z.string()));
const StringList = z.array(z.string());
const Vector = z.object({ resultType: z.string(), result: z.array(z.unknown()) });

type Fetch = (url: string) => Promise<Response>;

/** GETs a Prometheus HTTP API URL and returns its `data`; throws "<url path> answered <status>" unless it succeeded. */
export async function fetchPromData(fetchFn: Fetch, url: string): Promise<unknown> {
  const res = await fetchFn(url);
  const body = PromResponse.safeParse(await res.json().catch(() => null));
  if (!res.ok || !body.success) throw new Error(`${url.split('?')[0]} answered ${res.status}`);
  return body.data.data;
}

/** Values of the variables for an online check: the default, else the first available value. */
async function defaultValues(d: Dashboard, base: string, fetchFn: Fetch): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const v of d.variables) {
    let options: string[];
    if (v.type === 'custom') options = v.options;
    else options = StringList.parse(await fetchPromData(fetchFn, `${base}/api/v1/label/${v.label}/values?${new URLSearchParams({ 'match[]': v.selector })}`));
    const dflt = v.default === undefined || v.default === '$__all' ? options.slice(0, 1) : typeof v.default === 'string' ? [v.default] : v.default;
    out[v.name] = dflt.length ? dflt : ['none'];
  }
  return out;
}

/** Checks metrics and series counts against a live Prometheus at `baseUrl`. */
export async function lintOnline(files: readonly ParsedFile<Dashboard>[], baseUrl: string, fetchFn: Fetch = fetch): Promise<Diagnostic[]> {
  const base = baseUrl.replace(/\/+$/, '');
  const out: Diagnostic[] = [];
  const metricSeries = new Map<string, number>();
  const hourAgo = String(Math.floor(Date.now() / 1000) - 3600);
  for (const f of files) {
    const d = f.value;
    if (!d) continue;
    const at = (pointer: string) => positionOf(f.positions, pointer) ?? { line: 1, column: 1 };
    const report = (pointer: string, severity: Diagnostic['severity'], message: string) => out.push({ file: f.file, pointer, severity, message, ...pick(at(pointer)) });
    let values: Record<string, string[]>;
    try {
      values = await defaultValues(d, base, fetchFn);
    } catch (e) {
      report('/variables', 'error', `could not read variable values from ${base}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const [r, row] of d.rows.entries()) {
      for (const [p, panel] of row.panels.entries()) {
        for (const site of querySites(panel, `/rows/${r}/panels/${p}`)) {
          if (site.language !== 'promql') continue;
          for (const metric of findMetricNames(site.expr)) {
            if (!metricSeries.has(metric)) {
              const series = SeriesList.parse(await fetchPromData(fetchFn, `${base}/api/v1/series?${new URLSearchParams({ 'match[]': metric, start: hourAgo })}`));
              metricSeries.set(metric, series.length);
            }
            if (metricSeries.get(metric) === 0) report(site.pointer, 'error', `${site.label}: metric ${metric} has no series in ${base} (last hour)`);
          }
          const expr = interpolateQuery(site.expr, values, { rangeSeconds: 3600, intervalSeconds: 60, rateIntervalSeconds: 75 });
          const result = Vector.parse(await fetchPromData(fetchFn, `${base}/api/v1/query?${new URLSearchParams({ query: expr })}`));
          const n = result.result.length;
          report(site.pointer, n > MAX_SERIES_PER_PANEL ? 'warning' : 'info', `${site.label} returns ${n} series now`);
        }
      }
    }
  }
  return out;
}

function pick(p: { line: number; column: number }) {
  return { line: p.line, column: p.column };
}
