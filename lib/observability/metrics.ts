import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Sightline's own Prometheus metrics, served by /api/metrics. One registry per process, kept on
 * globalThis so that Next's dev-mode module reloads do not register the same metric twice, and so
 * that Sightline's server (lib/server/start.ts, bundled apart from Next's build) counts into the same
 * registry. No `server-only` here: that server runs in plain Node, where the marker throws, and
 * nothing in this module is secret.
 */

interface BffMetrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  requestDuration: Histogram<'route' | 'method'>;
  bffInFlight: Gauge;
  upstreamRequests: Counter<'datasource' | 'status' | 'outcome'>;
  upstreamDuration: Histogram<'datasource'>;
  breakerState: Gauge<'datasource'>;
  bulkheadQueue: Gauge<'datasource'>;
  bulkheadInFlight: Gauge<'datasource'>;
  cacheRequests: Counter<'datasource' | 'result'>;
  coalesced: Counter<'datasource'>;
}

/** Latency buckets (seconds), up to a minute: upstream timeouts and the explore deadline reach 30 s. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

const g = globalThis as typeof globalThis & { __sightlineMetrics?: BffMetrics };

function create(): BffMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sightline_' });
  return {
    registry,
    requests: new Counter({ name: 'sightline_http_requests_total', help: 'BFF requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    requestDuration: new Histogram({
      name: 'sightline_http_request_duration_seconds',
      help: 'BFF request latency',
      labelNames: ['route', 'method'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    bffInFlight: new Gauge({ name: 'sightline_http_in_flight_requests', help: 'BFF requests being served now', registers: [registry] }),
    upstreamRequests: new Counter({
      name: 'sightline_upstream_requests_total',
      help: 'Upstream calls by datasource, status (HTTP status, grpc_<code>, timeout, refused, network_error, cancelled, breaker_open, bulkhead_rejected) and outcome (ok, refused: the datasource refused the query, failure, cancelled)',
      labelNames: ['datasource', 'status', 'outcome'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({ name: 'sightline_upstream_request_duration_seconds', help: 'Upstream call latency per attempt', labelNames: ['datasource'], buckets: BUCKETS, registers: [registry] }),
    breakerState: new Gauge({ name: 'sightline_breaker_state', help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open', labelNames: ['datasource'], registers: [registry] }),
    bulkheadQueue: new Gauge({ name: 'sightline_bulkhead_queue', help: 'Upstream calls waiting for a bulkhead slot', labelNames: ['datasource'], registers: [registry] }),
    bulkheadInFlight: new Gauge({ name: 'sightline_bulkhead_in_flight', help: 'Upstream calls holding a bulkhead slot', labelNames: ['datasource'], registers: [registry] }),
    cacheRequests: new Counter({ name: 'sightline_cache_requests_total', help: 'Panel query cache look-ups by result (hit|miss)', labelNames: ['datasource', 'result'], registers: [registry] }),
    coalesced: new Counter({ name: 'sightline_coalesced_requests_total', help: 'Requests served by joining an identical in-flight upstream call', labelNames: ['datasource'], registers: [registry] }),
  };
}

/** The process-wide metrics registry and BFF metrics. */
export function metrics(): BffMetrics {
  g.__sightlineMetrics ??= create();
  return g.__sightlineMetrics;
}

/** Records one BFF request. */
export function recordBffRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  m.requests.inc({ route, method, status: String(status) });
  m.requestDuration.observe({ route, method }, seconds);
}

/**
 * Counts one BFF request in flight until the returned function is called; calling it again does
 * nothing, so every way a request can end may call it.
 */
export function trackBffInFlight(): () => void {
  const gauge = metrics().bffInFlight;
  gauge.inc();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    gauge.dec();
  };
}
