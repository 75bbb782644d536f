import { DURATION_BUCKETS } from '../shop/lib/metrics';
import { SHOP_SERVICES } from '../shop/lib/config';
import { gatewayRps, listIncidents, ROUTES, statusesAt, versionAt, type StatusMix } from './model';
import { toCommit } from '../shop/lib/config';
import { createSeededRandom } from '../../lib/seeded-random';

/**
 * Renders one span of the shop's history as OpenMetrics text for `promtool tsdb create-blocks-from
 * openmetrics`: each metric family once, each series' samples in time order, timestamps in seconds.
 * Counters start from zero at `fromMs` (like a process restart), which rate() handles.
 */

export interface RenderOptions {
  anchorMs: number;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  stepSeconds: number;
  /** host:port of each service, the `instance` label of its live scrape. */
  instances: Record<string, string>;
}

// Abramowitz-Stegun 7.1.26; |error| < 1.5e-7, plenty for bucket shares.
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** Share of a log-normal latency (median, sigma of the log) at or under `le` seconds. */
export function shareUnder(le: number, medianS: number, sigma: number): number {
  return 0.5 * (1 + erf(Math.log(le / medianS) / (sigma * Math.SQRT2)));
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');

interface SeriesAcc { labels: Record<string, string>; count: number[]; sum: number[]; buckets: number[][] }

/** Renders the history between fromMs and toMs. */
export function renderOpenMetrics(opts: RenderOptions): string {
  const incidents = listIncidents(opts.anchorMs);
  const stepMs = opts.stepSeconds * 1000;
  const times: number[] = [];
  for (let t = opts.fromMs; t < opts.toMs; t += stepMs) times.push(t);
  const random = createSeededRandom(Math.floor(opts.fromMs / 60_000));

  const series: SeriesAcc[] = [];
  const orders = { placed: [] as number[], failed: [] as number[] };
  for (const route of ROUTES) {
    // Every status seen in this span gets a series for the whole span (zero until it first happens).
    const statusSet = new Set<string>();
    for (const t of times) for (const s of statusesAt(route, incidents, t)) statusSet.add(s.status);
    const accs = new Map<string, SeriesAcc>();
    for (const status of statusSet) {
      const acc: SeriesAcc = { labels: { job: 'shop', instance: opts.instances[route.service] ?? '', service: route.service, route: route.route, method: route.method, status }, count: [], sum: [], buckets: DURATION_BUCKETS.map(() => []) };
      accs.set(status, acc);
      series.push(acc);
    }
    let placed = 0;
    let failed = 0;
    const running = new Map<string, { count: number; sum: number; buckets: number[] }>([...statusSet].map((s) => [s, { count: 0, sum: 0, buckets: DURATION_BUCKETS.map(() => 0) }]));
    for (const t of times) {
      // +-10% noise per step around the modelled rate.
      const requests = gatewayRps(opts.anchorMs, t) * route.share * opts.stepSeconds * (0.9 + 0.2 * random());
      const mix = new Map<string, StatusMix>(statusesAt(route, incidents, t).map((s) => [s.status, s]));
      for (const [status, acc] of accs) {
        const r = running.get(status);
        const m = mix.get(status);
        if (!r) continue;
        if (m) {
          const n = requests * m.share;
          r.count += n;
          r.sum += n * m.medianS * Math.exp((m.sigma * m.sigma) / 2);
          DURATION_BUCKETS.forEach((le, i) => (r.buckets[i] = (r.buckets[i] ?? 0) + n * shareUnder(le, m.medianS, m.sigma)));
          if (route.route === '/api/checkout') {
            if (status === '201') placed += n;
            else failed += n;
          }
        }
        // Counters are whole requests: rounding a growing running total keeps them monotonic.
        acc.count.push(Math.round(r.count));
        acc.sum.push(r.sum);
        r.buckets.forEach((b, i) => acc.buckets[i]?.push(Math.min(Math.round(b), Math.round(r.count))));
      }
      if (route.route === '/api/checkout') {
        orders.placed.push(Math.round(placed));
        orders.failed.push(Math.round(failed));
      }
    }
  }

  const out: string[] = [];
  const secs = times.map((t) => String(Math.floor(t / 1000)));
  out.push('# TYPE http_server_requests counter');
  for (const s of series) {
    const l = labelText(s.labels);
    s.count.forEach((v, i) => out.push(`http_server_requests_total{${l}} ${v} ${secs[i]}`));
  }
  out.push('# TYPE http_server_request_duration_seconds histogram');
  for (const s of series) {
    const l = labelText(s.labels);
    DURATION_BUCKETS.forEach((le, b) => s.buckets[b]?.forEach((v, i) => out.push(`http_server_request_duration_seconds_bucket{${l},le="${le}"} ${v} ${secs[i]}`)));
    s.count.forEach((v, i) => out.push(`http_server_request_duration_seconds_bucket{${l},le="+Inf"} ${v} ${secs[i]}`));
    s.sum.forEach((v, i) => out.push(`http_server_request_duration_seconds_sum{${l}} ${fmt(v)} ${secs[i]}`));
    s.count.forEach((v, i) => out.push(`http_server_request_duration_seconds_count{${l}} ${v} ${secs[i]}`));
  }
  out.push('# TYPE orders counter');
  for (const status of ['placed', 'failed'] as const) {
    const l = labelText({ job: 'shop', instance: opts.instances.checkout ?? '', service: 'checkout', status });
    orders[status].forEach((v, i) => out.push(`orders_total{${l}} ${v} ${secs[i]}`));
  }
  out.push('# TYPE build_info gauge');
  for (const service of SHOP_SERVICES) {
    const byVersion = new Map<string, string[]>();
    times.forEach((t, i) => {
      const version = versionAt(opts.anchorMs, service, t);
      const list = byVersion.get(version) ?? [];
      list.push(`build_info{${labelText({ job: 'shop', instance: opts.instances[service] ?? '', service, version, commit: toCommit(service, version) })}} 1 ${secs[i]}`);
      byVersion.set(version, list);
    });
    for (const lines of byVersion.values()) out.push(...lines);
  }
  out.push('# EOF', '');
  return out.join('\n');
}
