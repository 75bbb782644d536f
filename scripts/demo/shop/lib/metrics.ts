import { Counter, Gauge, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import { toCommit } from './config';

/** Latency buckets of the shared contract, in seconds. */
export const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The contract's metrics for one shop service, in one OpenMetrics registry (exemplars need it). */
export function createShopMetrics(service: string, version: string) {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  // Every metric carries the service label set by the service itself (the scrape job honors it).
  registry.setDefaultLabels({ service });
  const registers = [registry];
  const m = {
    registry,
    requests: new Counter({ name: 'http_server_requests_total', help: 'Requests served, by route template, method and status code.', labelNames: ['route', 'method', 'status'], registers, enableExemplars: true }),
    requestDuration: new Histogram({ name: 'http_server_request_duration_seconds', help: 'Time to serve a request, in seconds.', labelNames: ['route', 'method', 'status'], buckets: DURATION_BUCKETS, registers, enableExemplars: true }),
    dependencyRequests: new Counter({ name: 'dependency_requests_total', help: 'Calls to other services, by dependency and status (a code, or "error" when no response).', labelNames: ['dependency', 'status'], registers, enableExemplars: true }),
    dependencyDuration: new Histogram({ name: 'dependency_request_duration_seconds', help: 'Time waiting on another service, in seconds.', labelNames: ['dependency'], buckets: DURATION_BUCKETS, registers, enableExemplars: true }),
    queueDepth: new Gauge({ name: 'queue_depth', help: 'Messages waiting in a queue.', labelNames: ['queue'], registers }),
    queueMessages: new Counter({ name: 'queue_messages_total', help: 'Queue messages by outcome (enqueued, processed, failed).', labelNames: ['queue', 'outcome'], registers }),
    cacheRequests: new Counter({ name: 'cache_requests_total', help: 'Cache lookups by result (hit or miss).', labelNames: ['cache', 'result'], registers }),
    orders: new Counter({ name: 'orders_total', help: 'Orders by outcome (placed or failed).', labelNames: ['status'], registers, enableExemplars: true }),
    buildInfo: new Gauge({ name: 'build_info', help: 'The running build: always 1, labelled with version and commit.', labelNames: ['version', 'commit'], registers }),
  };
  setBuildInfo(m.buildInfo, service, version);
  return m;
}
export type ShopMetrics = ReturnType<typeof createShopMetrics>;

/** Replaces the build_info series so that exactly one version is reported at a time. */
export function setBuildInfo(gauge: Gauge<'version' | 'commit'>, service: string, version: string): void {
  gauge.reset();
  gauge.set({ version, commit: toCommit(service, version) }, 1);
}

/** Exemplar labels for the current trace, or none outside a sampled span. */
export function toExemplar(traceId: string | undefined): Record<string, string> | undefined {
  return traceId && !/^0+$/.test(traceId) ? { trace_id: traceId } : undefined;
}
