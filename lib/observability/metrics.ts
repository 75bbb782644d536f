import 'server-only';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Sightline's own Prometheus metrics, served by /api/metrics. One registry per process, kept on
 * globalThis so that Next's dev-mode module reloads do not register the same metric twice.
 */

interface BffMetrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  requestDuration: Histogram<'route' | 'method'>;
}

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
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
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
