import 'server-only';
import { alertmanager, mergeAlerts } from '@/lib/datasources/alertmanager';
import { jaeger } from '@/lib/datasources/jaeger';
import { loki } from '@/lib/datasources/loki';
import { prometheus } from '@/lib/datasources/prometheus';
import { getSlo } from '@/lib/dashboards/load';
import { listDeployments } from '@/lib/deployments/store';
import { createRequestSloDeps } from '@/lib/slo/request-deps';
import { computeSloStatus } from '@/lib/slo/status';
import { env } from '@/lib/env';
import type { PanelDeps } from './context';

/** The real dependencies of panel resolution: the process-wide datasource adapters and the database. */
export function createPanelDeps(): PanelDeps {
  return {
    queryRange: (q, opts) => prometheus().queryRange(q, opts),
    queryInstant: (query, time, opts) => prometheus().queryInstant(query, time, opts),
    queryExemplars: (query, start, end, opts) => prometheus().queryExemplars(query, start, end, opts),
    labelValues: (label, match, range, opts) => prometheus().labelValues(label, match, range, opts),
    alertRules: (opts) => prometheus().rules(opts),
    prometheusAlerts: (opts) => prometheus().alerts(opts),
    alertmanagerAlerts: (opts) => alertmanager().alerts({ active: true }, opts),
    mergeAlerts,
    queryLogs: (q, opts) => loki().queryLogs(q, opts),
    traceDependencies: (end, lookbackMs, opts) => jaeger().dependencies(end, lookbackMs, opts),
    listDeployments: (f) => listDeployments(f),
    getSlo: (id) => getSlo(id),
    sloStatus: (slo, nowMs, opts) => computeSloStatus(slo, createRequestSloDeps(opts), nowMs),
    scrapeIntervalSeconds: env().PROMETHEUS_SCRAPE_INTERVAL,
  };
}
