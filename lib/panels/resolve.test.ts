import type { Slo } from '@/lib/slo/schema';
import type { SloStatus } from '@/lib/slo/types';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import { asUnixMs, type Alert, type AlertRule, type Exemplar, type RangeQuery, type TimeSeries } from '@/lib/datasources/types';
import { DashboardSchema, type DashboardInput } from '@/lib/dashboards/schema';
import type { PanelDeps } from './context';
import { resolvePanel } from './resolve';

const NOW = Date.UTC(2025, 0, 10, 12, 0, 7);

function series(labels: Record<string, string>, values: (number | null)[], start = NOW - 3_600_000): TimeSeries {
  return { id: JSON.stringify(labels), name: JSON.stringify(labels), labels, samples: values.map((v, i) => ({ t: asUnixMs(start + i * 15_000), value: v })) };
}

const rule = (name: string, query: string): AlertRule => ({ name, group: 'g', query, durationSeconds: 0, labels: {}, annotations: {}, health: 'ok', state: 'inactive' });
const alert = (name: string, labels: Record<string, string>, state: Alert['state']): Alert => ({
  id: name, name, labels: { alertname: name, ...labels }, annotations: {}, state, activeAt: asUnixMs(NOW - 60_000), value: 1, silenced: false, inhibited: false, silencedBy: [], inhibitedBy: [], generatorUrl: null,
});

/** Fake deps that record every query sent upstream. */
function fakeDeps(over: Partial<PanelDeps> = {}) {
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

const dashboard = (extra: Partial<DashboardInput> = {}) =>
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

const req = (panelId: string, over: Partial<Parameters<typeof resolvePanel>[2]> = {}) => ({ panelId, values: {}, role: 'operator' as const, nowMs: NOW, ...over });

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('resolvePanel', () => {
  it('shows an SLO panel with the one SLO status, computed at the end of the window', async () => {
    const asked: number[] = [];
    const slo = { id: 'checkout-availability' } as unknown as Slo; // only the id is read by the fake below
    const status = { sloId: 'checkout-availability', state: 'meeting' } as unknown as SloStatus; // passed through untouched
    const { deps } = fakeDeps({ getSlo: (id) => (id === slo.id ? slo : null), sloStatus: async (_s, nowMs) => (asked.push(nowMs), status) });
    const data = await resolvePanel(deps, dashboard(), req('journey'));
    expect(data).toMatchObject({ type: 'slo', status });
    expect(asked).toEqual([data.window.end]);
    const missing = await errorOf(resolvePanel({ ...deps, getSlo: () => null }, dashboard(), req('journey')));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('interpolates the variable, aligns the range to the step and names series from the legend', async () => {
    const { deps, ranges } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), req('rate', { values: { service: 'payment' } }));
    expect(ranges).toHaveLength(1);
    expect(ranges[0]?.query).toBe('sum(rate(x{service="payment"}[1m]))');
    expect(ranges[0]?.stepSeconds).toBe(15);
    expect((ranges[0]?.start ?? 0) % 15_000).toBe(0);
    expect((ranges[0]?.end ?? 0) % 15_000).toBe(0);
    if (data.type !== 'timeseries') throw new Error(data.type);
    expect(data.series[0]?.name).toBe('checkout rate');
    expect(data.series[0]?.samples[2]?.value).toBeNull();
  });

  it('sends identical upstream ranges for requests a few seconds apart (shared cache key)', async () => {
    const { deps, ranges } = fakeDeps();
    await resolvePanel(deps, dashboard(), req('rate', { nowMs: NOW }));
    await resolvePanel(deps, dashboard(), req('rate', { nowMs: NOW + 5_000 }));
    expect(ranges[1]).toEqual(ranges[0]);
  });

  it('reads the threshold from the alert rule and keeps static ones', async () => {
    const { deps } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), req('rate'));
    if (data.type !== 'timeseries') throw new Error(data.type);
    expect(data.thresholds.map((t) => [t.label, t.value])).toEqual([['CheckoutBurn', 14.4 * 0.005], ['two', 2]]);
  });

  it('says so when the named alert rule is not loaded, instead of failing the panel', async () => {
    const { deps } = fakeDeps({ alertRules: async () => [] });
    const data = await resolvePanel(deps, dashboard(), req('rate'));
    if (data.type !== 'timeseries') throw new Error(data.type);
    expect(data.thresholds).toHaveLength(1);
    expect(data.notices.map((n) => n.message)).toContain('Alert rule CheckoutBurn is not loaded in Prometheus; its threshold line is not drawn');
  });

  it("draws deployments of the panel's services only", async () => {
    const { deps } = fakeDeps();
    const mine = await resolvePanel(deps, dashboard(), req('rate'));
    const other = await resolvePanel(deps, dashboard(), req('other'));
    if (mine.type !== 'timeseries' || other.type !== 'timeseries') throw new Error('type');
    expect(mine.deployments.map((d) => d.version)).toEqual(['1.2.0']);
    expect(other.deployments).toEqual([]);
  });

  it('rejects a hostile variable value naming the variable, before any query reaches Prometheus', async () => {
    const { deps, ranges } = fakeDeps();
    for (const hostile of ['checkout"} or vector(1) #', 'a{b}', "x' or 1"]) {
      const err = await errorOf(resolvePanel(deps, dashboard(), req('rate', { values: { service: hostile } })));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toContain('$service');
    }
    expect(ranges).toHaveLength(0);
  });

  it('shows no data, and says why, for a safe value this range does not offer (a link from another range); no query runs', async () => {
    const { deps, ranges } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), req('rate', { values: { service: 'billing' } }));
    expect(data).toMatchObject({ type: 'timeseries', series: [], deployments: [] });
    expect(data.notices).toEqual([{ code: 'PARTIAL', message: 'Value "billing" of $service does not occur in this range' }]);
    expect(ranges).toHaveLength(0);
    const { deps: logDeps, logCalls } = fakeDeps();
    expect(await resolvePanel(logDeps, dashboard(), req('logs', { values: { service: 'billing' } }))).toMatchObject({ type: 'logs', entries: [], notices: [{ code: 'PARTIAL' }] });
    expect(logCalls).toHaveLength(0);
  });

  it('leaves out the values of a multi-select this range does not offer, and says so', async () => {
    const d = dashboard({ variables: [{ name: 'service', type: 'query', selector: 'up', label: 'service', multi: true }] });
    const { deps, ranges } = fakeDeps();
    const data = await resolvePanel(deps, d, req('rate', { values: { service: ['billing', 'payment'] } }));
    expect(ranges[0]?.query).toBe('sum(rate(x{service="payment"}[1m]))');
    expect(data.notices.map((n) => n.message)).toEqual(['Value "billing" of $service does not occur in this range and is left out']);
  });

  it('shows no data for "All" when the range offers no values at all', async () => {
    const d = dashboard({ variables: [{ name: 'service', type: 'query', selector: 'up', label: 'service', multi: true, includeAll: true, default: '$__all' }] });
    const { deps, ranges } = fakeDeps({ labelValues: async () => [] });
    const data = await resolvePanel(deps, d, req('value'));
    const rate = await resolvePanel(deps, d, req('rate'));
    expect(data).toMatchObject({ type: 'stat', value: 4, notices: [] });
    expect(rate).toMatchObject({ type: 'timeseries', series: [], notices: [{ code: 'PARTIAL', message: '$service has no values in this range' }] });
    expect(ranges).toHaveLength(1); // the stat, which does not use $service
  });

  it('needs only the variables the panel uses: another variable\'s stale value or Prometheus being down leave it alone', async () => {
    const { deps, labelCalls, logCalls } = fakeDeps({ labelValues: async () => Promise.reject(new Error('Prometheus is unavailable (ECONNREFUSED)')) });
    const d = dashboard({ rows: [{ title: 'Main', panels: [{ id: 'loki', title: 'Logs', type: 'logs', expr: '{service_name="checkout"} |= "error"' }, { id: 'other', title: 'Other', type: 'timeseries', queries: [{ id: 'a', expr: 'up' }] }] }] });
    expect(await resolvePanel(deps, d, req('loki'))).toMatchObject({ type: 'logs', entries: [], notices: [] });
    expect(logCalls).toHaveLength(1);
    expect(labelCalls).toHaveLength(0);
    const ok = fakeDeps();
    expect(await resolvePanel(ok.deps, dashboard(), req('other', { values: { service: 'billing' } }))).toMatchObject({ type: 'timeseries', notices: [] });
    expect(ok.labelCalls).toHaveLength(0);
  });

  it('still refuses a hostile value of a variable the panel does not use', async () => {
    const { deps, ranges } = fakeDeps();
    const err = await errorOf(resolvePanel(deps, dashboard(), req('other', { values: { service: 'checkout"} or vector(1) #' } })));
    expect([err.code, err.message]).toEqual(['INVALID_INPUT', 'value "checkout\\"} or vector(1) #" of $service has characters that are not allowed']);
    expect(ranges).toHaveLength(0);
  });

  it('refuses a query variable whose selector uses another variable, rather than reading no values', async () => {
    const d = dashboard({ variables: [{ name: 'env', type: 'custom', options: ['prod'] }, { name: 'service', type: 'query', selector: 'up{env="$env"}', label: 'service' }] });
    const { deps, labelCalls } = fakeDeps();
    const err = await errorOf(resolvePanel(deps, d, req('rate')));
    expect(err.message).toBe('the selector of $service uses $env, which is not filled in there; write the selector with fixed label values');
    expect(labelCalls).toHaveLength(0);
  });

  it('fills in $__rate_interval from the configured scrape interval', async () => {
    const { deps, ranges } = fakeDeps({ scrapeIntervalSeconds: 30 });
    await resolvePanel(deps, dashboard(), req('rate'));
    expect(ranges[0]?.query).toBe('sum(rate(x{service="checkout"}[2m]))');
  });

  it('answers NOT_FOUND for an unknown panel and FORBIDDEN for logs and alerts to viewers', async () => {
    const { deps } = fakeDeps();
    expect((await errorOf(resolvePanel(deps, dashboard(), req('nope')))).code).toBe('NOT_FOUND');
    for (const id of ['logs', 'alerts']) {
      const err = await errorOf(resolvePanel(deps, dashboard(), req(id, { role: 'viewer' })));
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toContain('needs the operator role');
    }
    expect((await resolvePanel(deps, dashboard(), req('value', { role: 'viewer' }))).type).toBe('stat');
  });

  it('filters alerts by the interpolated labels', async () => {
    const { deps } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), req('alerts'));
    if (data.type !== 'alerts') throw new Error(data.type);
    expect(data.alerts.map((a) => a.name)).toEqual(['A', 'C']);
  });

  it('reduces a stat over gaps: null is no data, not zero', async () => {
    const { deps } = fakeDeps({ queryRange: async () => ({ data: [series({}, [null, null])], notices: [] }) });
    const data = await resolvePanel(deps, dashboard(), req('value'));
    if (data.type !== 'stat') throw new Error(data.type);
    expect(data.value).toBeNull();
  });

  it('raises the step past 11,000 points and says so', async () => {
    const { deps, ranges } = fakeDeps();
    const d = dashboard({ time: { resolution: '1s' } });
    const data = await resolvePanel(deps, d, req('value', { from: 'now-7d' }));
    expect(7 * 86400 / (ranges[0]?.stepSeconds ?? 1)).toBeLessThanOrEqual(11_000);
    expect(data.notices[0]?.code).toBe('STEP_RAISED');
  });
});

describe('the window reaches now', () => {
  // 12:58:37: at now-7d the step is an hour, so the last step (12:00) is nearly an hour old.
  const LATE = Date.UTC(2025, 0, 10, 12, 58, 37);
  const END = Date.UTC(2025, 0, 10, 12, 58, 30);
  const week = (panelId: string, over: Partial<Parameters<typeof resolvePanel>[2]> = {}) => req(panelId, { from: 'now-7d', nowMs: LATE, ...over });

  it('keeps range queries on the step while the window ends at now, to within a scrape interval', async () => {
    const { deps, ranges } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), week('rate'));
    expect(ranges[0]).toMatchObject({ stepSeconds: 3600, end: Date.UTC(2025, 0, 10, 12) });
    expect((ranges[0]?.start ?? 1) % 3_600_000).toBe(0);
    expect(data.window).toMatchObject({ end: END, stepSeconds: 3600 });
  });

  it('reads SLO status, tables and logs at the end of the window, not at the last step', async () => {
    const asked: number[] = [];
    const slo = { id: 'checkout-availability' } as unknown as Slo; // only the id is read by the fake below
    const { deps, instants, logCalls } = fakeDeps({ getSlo: () => slo, sloStatus: async (_s, nowMs) => (asked.push(nowMs), { state: 'meeting' } as unknown as SloStatus) });
    const d = dashboard({ rows: [{ title: 'Main', panels: [{ id: 'journey', title: 'Journey', type: 'slo', sloId: 'checkout-availability' }, { id: 'logs', title: 'Logs', type: 'logs', expr: '{service_name="$service"}' }, { id: 'build', title: 'Build', type: 'table', queries: [{ id: 'v', expr: 'build_info' }], columns: [{ header: 'Version', label: 'version' }] }] }] });
    await resolvePanel(deps, d, week('journey'));
    await resolvePanel(deps, d, week('logs'));
    await resolvePanel(deps, d, week('build'));
    expect(asked).toEqual([END]);
    expect(logCalls[0]?.end).toBe(END);
    expect(instants.map((i) => i.time)).toEqual([END]);
  });

  it("gives a stat's last value from the end of the window, appended to its sparkline", async () => {
    const { deps, instants } = fakeDeps({ queryInstant: async (query, time) => (instants.push({ query, time }), { data: [{ id: 'a', name: 'a', labels: {}, samples: [{ t: asUnixMs(time), value: 9 }] }], notices: [] }) });
    const data = await resolvePanel(deps, dashboard(), week('value'));
    if (data.type !== 'stat') throw new Error(data.type);
    expect(data.value).toBe(9);
    expect(data.sparkline.at(-1)).toEqual({ t: END, value: 9 });
    expect(instants).toEqual([{ query: 'up', time: END }]);
  });

  it('keeps the last sample of the range when nothing is measured at the end', async () => {
    const { deps } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), week('value'));
    expect(data).toMatchObject({ type: 'stat', value: 4 });
  });

  it('shares reads between viewers within a scrape interval, and a refresh after it reads newer data', async () => {
    const { deps, ranges, instants } = fakeDeps();
    await resolvePanel(deps, dashboard(), week('value'));
    await resolvePanel(deps, dashboard(), week('value', { nowMs: LATE + 5_000 }));
    await resolvePanel(deps, dashboard(), week('value', { nowMs: LATE + 20_000 }));
    expect(ranges[1]).toEqual(ranges[0]);
    expect(ranges[2]).toEqual(ranges[0]);
    expect(instants.map((i) => i.time)).toEqual([END, END, END + 15_000]);
  });
});

const exemplar = (traceId: string | null, t: number, over: Partial<Exemplar> = {}): Exemplar => ({
  seriesLabels: { __name__: 'd_bucket', service: 'checkout', le: '0.5' },
  labels: traceId ? { trace_id: traceId, span_id: `s-${traceId}` } : {},
  traceId,
  value: 0.42,
  t: asUnixMs(t),
  ...over,
});

async function timeseriesOf(deps: PanelDeps, panelId: string) {
  const data = await resolvePanel(deps, dashboard(), req(panelId));
  if (data.type !== 'timeseries') throw new Error(data.type);
  return data;
}

describe('time series exemplars', () => {
  it('reads exemplars of each interpolated query over the panel window with the range queries\u2019 cache options', async () => {
    const { deps, ranges, exemplarCalls } = fakeDeps();
    const signal = new AbortController().signal;
    await resolvePanel(deps, dashboard(), req('latency', { signal, requestId: 'r-1' }));
    expect(exemplarCalls.map((c) => c.query)).toEqual([
      'histogram_quantile(0.99, sum by (le) (rate(d_bucket{service="checkout"}[1m])))',
      'histogram_quantile(0.5, sum by (le) (rate(d_bucket{service="checkout"}[1m])))',
    ]);
    for (const c of exemplarCalls) {
      expect([c.start, c.end]).toEqual([ranges[0]?.start, ranges[0]?.end]);
      expect(c.opts).toEqual({ signal, requestId: 'r-1', cache: true });
    }
  });

  it('answers exemplars with trace and span ids and the query they belong to, oldest first; those without a trace id are dropped', async () => {
    const { deps } = fakeDeps({
      queryExemplars: async (q) => ({ data: q.startsWith('histogram_quantile(0.99') ? [exemplar('bbb', NOW - 60_000), exemplar(null, NOW - 30_000), exemplar('aaa', NOW - 120_000)] : [], notices: [] }),
    });
    const data = await timeseriesOf(deps, 'latency');
    expect(data.exemplars).toEqual([
      { t: NOW - 120_000, value: 0.42, traceId: 'aaa', spanId: 's-aaa', queryId: 'p99', seriesLabels: { __name__: 'd_bucket', service: 'checkout', le: '0.5' } },
      { t: NOW - 60_000, value: 0.42, traceId: 'bbb', spanId: 's-bbb', queryId: 'p99', seriesLabels: { __name__: 'd_bucket', service: 'checkout', le: '0.5' } },
    ]);
    expect(data.notices).toEqual([]);
  });

  it('keeps an event read by two queries of the same histogram once, on the first query', async () => {
    const { deps } = fakeDeps({ queryExemplars: async () => ({ data: [exemplar('aaa', NOW - 60_000)], notices: [] }) });
    const data = await timeseriesOf(deps, 'latency');
    expect(data.exemplars?.map((e) => [e.traceId, e.queryId])).toEqual([['aaa', 'p99']]);
  });

  it('answers an empty list when Prometheus stored none, and nothing at all for panels that do not ask', async () => {
    const { deps, exemplarCalls } = fakeDeps();
    expect((await timeseriesOf(deps, 'latency')).exemplars).toEqual([]);
    const other = await timeseriesOf(deps, 'rate');
    expect(other.exemplars).toBeUndefined();
    expect(exemplarCalls).toHaveLength(2);
  });

  it('still draws the series when exemplars cannot be read, and says why', async () => {
    const { deps } = fakeDeps({ queryExemplars: async () => Promise.reject(new Error('prometheus: exemplar storage is disabled')) });
    const data = await timeseriesOf(deps, 'latency');
    expect(data.series.map((s) => s.name)).toEqual(['p99', 'p50']);
    expect(data.exemplars).toEqual([]);
    expect(data.notices).toEqual([{ code: 'PARTIAL', message: 'Exemplars are unavailable: prometheus: exemplar storage is disabled' }]);
  });

  it('keeps the newest 500 exemplars of a busy panel and says how many there were', async () => {
    const many = Array.from({ length: 700 }, (_, i) => exemplar(`t${i}`, NOW - 3_000_000 + i * 1_000));
    const { deps } = fakeDeps({ queryExemplars: async (q) => ({ data: q.includes('0.99') ? many : [], notices: [] }) });
    const data = await timeseriesOf(deps, 'latency');
    expect(data.exemplars).toHaveLength(500);
    expect(data.exemplars?.[0]?.traceId).toBe('t200');
    expect(data.exemplars?.at(-1)?.traceId).toBe('t699');
    expect(data.notices).toContainEqual({ code: 'ENTRIES_CAPPED', message: 'Showing the newest 500 of 700 exemplars in this range' });
  });
});
