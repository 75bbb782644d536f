import 'server-only';
import { httpClientFor } from '../registry';
import { createPrometheusClient, type PrometheusClient } from './client';

export { createPrometheusClient, type PrometheusClient } from './client';
export { toTimeSeries, toTimeSeriesFromQuery, toExemplars, toSampleValue } from './to-time-series';
export { toAlerts, toAlertRules, toAlertId } from './to-alerts';

const g = globalThis as typeof globalThis & { __sightlinePrometheus?: PrometheusClient };

/** The process-wide Prometheus adapter configured from the environment. */
export function prometheus(): PrometheusClient {
  g.__sightlinePrometheus ??= createPrometheusClient({ http: httpClientFor('prometheus') });
  return g.__sightlinePrometheus;
}
