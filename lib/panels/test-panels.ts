import { AppError } from '@/lib/api/errors';
import { testAlert } from '@/lib/alerts/test-alert';
import type { CallOptions } from '@/lib/datasources/http';
import { asUnixMs, type Alert, type AlertRule, type RangeQuery, type TimeSeries } from '@/lib/datasources/types';
import { DashboardSchema, type DashboardInput } from '@/lib/dashboards/schema';
import type { PanelDeps } from './context';
import type { resolvePanel } from './resolve';

/** Builders of the panel resolution tests: a dashboard, fake upstreams that record what they were asked, requests. */

/** The fixed clock of the panel tests. */
export const NOW = Date.UTC(2025, 0, 10, 12, 0, 7);

export function series(labels: Record<string, string>, values: (number | null)[], start = NOW - 3_600_000): TimeSeries {
  return { id: JSON.stringify(labels), name: JSON.stringify(labels), labels, samples: values.map((v, i) => ({ t: asUnixMs(start + i * 15_000), value: v })) };
}

const rule = (name: string, query: string): AlertRule => ({ name, group: 'g', query, durationSeconds: 0, labels: {}, annotations: {}, health: 'ok', state: 'inactive' });
const alert = (name: string, labels: Record<string, string>, state: Alert['state']): Alert => testAlert({ alertname: name, ...labels }, { id: name, state, activeAt: asUnixMs(NOW - 60_000) });

/** Fake deps that record every query sent upstream. */
export function fakeDeps(over: Partial<PanelDeps> = {}) {
  const ranges: RangeQuery[] = [];
  const instants: { query: string; time: number }[] = [];
  const logCalls: { query: string; start: number; end: number }[] = [];
  const labelCalls: string[][] = [];
  const exemplarCalls: { query: string; start: number; end: number; opts: CallOptions }[] = [];
  const deps: PanelDeps = {
    queryRange: async (q) => (ranges.push(q), { data: [series({ service: 'checkout' }, [1, 2, null, 4])], notices: [] }),
    queryInstant: async (query, time) => (instants.push({ query, time }), { data: [], notices: [] }),
    queryExemplars: async (query, start, end, opts) => (exemplarCalls.push({ query, start, end, opts }), { data: [], notices: [] }),
    labelValues: async (_label, match) => (labelCalls.push(match), ['checkout', 'payment']),
    alertRules: async () => [rule('CheckoutBurn', 'slo:sli_error:ratio_rate1h{slo="checkout"} > 14.4 * 0.005 and slo:sli_error:ratio_rate5m{slo="checkout"} > 14.4 * 0.005')],
    prometheusAlerts: async () => [alert('A', { service: 'checkout' }, 'firing'), alert('B', { service: 'payment' }, 'firing'), alert('C', { service: 'checkout' }, 'pending')],
    alertmanagerAlerts: async () => [],
    mergeAlerts: (p) => p,
    queryLogs: async (q) => (logCalls.push(q), { data: [], notices: [] }),
    traceDependencies: async () => [],
    listDeployments: async (f) =>
      f.services.includes('checkout')
        ? [{ id: 'd1', service: 'checkout', environment: 'prod', version: '1.2.0', commit: 'abc', url: null, description: null, status: 'succeeded', startedAt: asUnixMs(NOW - 600_000), finishedAt: null, createdBy: 'ci' }]
        : [],
    getSlo: () => null,
    sloStatus: async () => {
      throw new Error('no SLO in these tests');
    },
    scrapeIntervalSeconds: 15,
    ...over,
  };
  return { deps, ranges, instants, exemplarCalls, logCalls, labelCalls };
}

/** A service dashboard with one panel of each type. */
export const dashboard = (extra: Partial<DashboardInput> = {}) =>
  DashboardSchema.parse({
    $schema: './schema.json',
    slug: 'svc',
    title: 'Service',
    kind: 'service',
    audience: 'developers',
    purpose: 'Shows how one service of the shop is doing right now.',
    owners: ['team'],
    escalation: '#team',
    time: { defaultRange: 'now-1h' },
    variables: [{ name: 'service', type: 'query', selector: 'up', label: 'service', default: 'checkout' }],
    rows: [
      {
        title: 'Main',
        panels: [
          { id: 'rate', title: 'Rate', type: 'timeseries', queries: [{ id: 'a', expr: 'sum(rate(x{service="$service"}[$__rate_interval]))', legend: '{{service}} rate' }], thresholds: [{ alertRule: 'CheckoutBurn' }, { value: 2, label: 'two', color: 'orange' }], deploymentServices: ['$service', 'checkout'] },
          {
            id: 'latency',
            title: 'Latency',
            type: 'timeseries',
            unit: 'seconds',
            exemplars: true,
            queries: [
              { id: 'p99', expr: 'histogram_quantile(0.99, sum by (le) (rate(d_bucket{service="$service"}[$__rate_interval])))', legend: 'p99' },
              { id: 'p50', expr: 'histogram_quantile(0.5, sum by (le) (rate(d_bucket{service="$service"}[$__rate_interval])))', legend: 'p50' },
            ],
          },
          { id: 'other', title: 'Other', type: 'timeseries', queries: [{ id: 'a', expr: 'up' }], deploymentServices: ['payment'] },
          { id: 'value', title: 'Value', type: 'stat', query: { id: 'a', expr: 'up' }, reduce: 'last' },
          { id: 'alerts', title: 'Alerts', type: 'alerts', labels: { service: '$service' } },
          { id: 'logs', title: 'Logs', type: 'logs', expr: '{service_name="$service"}' },
          { id: 'notes', title: 'Notes', type: 'markdown', content: '# Hi' },
          { id: 'journey', title: 'Journey', type: 'slo', sloId: 'checkout-availability' },
        ],
      },
    ],
    ...extra,
  });

/** A panel request as an operator, at NOW. */
export const req = (panelId: string, over: Partial<Parameters<typeof resolvePanel>[2]> = {}) => ({ panelId, values: {}, role: 'operator' as const, nowMs: NOW, ...over });

/** The AppError `p` rejects with. */
export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}
