import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TraceSearch } from '@/lib/datasources/jaeger/client';
import { asUnixMs, type Alert, type AlertRule, type RangeQuery, type ResultNotice, type TimeSeries } from '@/lib/datasources/types';
import type { Slo } from '@/lib/slo/schema';
import { toAlertHref } from './alert-link';
import { parseLabelParams } from './label-params';

// The upstreams behind loadAlertDetail, faked: what Prometheus, Alertmanager and Jaeger answer.
const up = vi.hoisted(() => ({
  promAlerts: [] as Alert[],
  amAlerts: [] as Alert[],
  rules: [] as AlertRule[],
  alertsSeries: [] as TimeSeries[],
  ranges: [] as RangeQuery[],
  searches: [] as TraceSearch[],
  searchNotices: [] as ResultNotice[],
  slos: {} as Record<string, Slo>,
}));

vi.mock('@/lib/datasources/prometheus', () => ({
  prometheus: () => ({
    alerts: async () => up.promAlerts,
    rules: async () => up.rules,
    queryRange: async (q: RangeQuery) => {
      up.ranges.push(q);
      return { data: q.query.startsWith('max_over_time(ALERTS{') ? up.alertsSeries : [], notices: [], window: { start: q.start, end: q.end, stepSeconds: q.stepSeconds } };
    },
    queryExemplars: async () => ({ data: [], notices: [] }),
  }),
}));
vi.mock('@/lib/datasources/alertmanager', async () => ({
  alertmanager: () => ({ alerts: async () => up.amAlerts }),
  mergeAlerts: (await import('@/lib/datasources/alertmanager/to-alerts')).mergeAlerts,
}));
vi.mock('@/lib/datasources/jaeger', () => ({
  jaeger: () => ({
    searchTraces: async (q: TraceSearch) => (up.searches.push(q), { data: [], notices: up.searchNotices }),
  }),
}));
vi.mock('@/lib/deployments/store', () => ({ listDeployments: async () => [] }));
vi.mock('@/lib/dashboards/load', () => ({ getSlo: (id: string) => up.slos[id] ?? null }));

const { loadAlertDetail } = await import('./alert-detail');
const { listAlerts } = await import('./list-alerts');

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2025, 5, 10, 15, 0, 0);

const rule = (name: string, labels: Record<string, string>, query = 'slo:sli_error:ratio_rate1h{slo="payment-latency"} > 0.144'): AlertRule => ({ name, group: 'g', query, durationSeconds: 0, labels, annotations: {}, health: 'ok', state: 'inactive' });
const alert = (id: string, labels: Record<string, string>, more: Partial<Alert> = {}): Alert => ({
  id, name: labels.alertname!, labels, annotations: {}, state: 'firing', activeAt: asUnixMs(NOW - 2 * HOUR), value: 1, silenced: false, inhibited: false, silencedBy: [], inhibitedBy: [], generatorUrl: null, ...more,
});
const labels = { alertname: 'PaymentLatencyBurnRate1h', service: 'payment', severity: 'page', slo: 'payment-latency' };

beforeEach(() => {
  Object.assign(up, { promAlerts: [], amAlerts: [], alertsSeries: [], ranges: [], searches: [], searchNotices: [], slos: {} });
  up.rules = [rule('PaymentLatencyBurnRate1h', { service: 'payment', severity: 'ticket', slo: 'payment-latency' }), rule('PaymentLatencyBurnRate1h', { service: 'payment', severity: 'page', slo: 'payment-latency' })];
  up.slos['payment-latency'] = { sli: { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 1 }, service: 'payment' } as Slo;
});

/** The lookup /api/alerts/{id} gets when the page was opened from `href`. */
const lookupOf = (href: string) => {
  const url = new URL(href, 'http://x');
  return { id: decodeURIComponent(url.pathname.split('/').at(-1)!), alertname: url.searchParams.get('alertname') ?? undefined, labels: parseLabelParams(url.searchParams.getAll('label')) };
};

describe('loadAlertDetail for an alert that has resolved', () => {
  it('opens from the alerts list link and charts its rule around when it was last active', async () => {
    // The list showed the alert while it fired; it has resolved since.
    up.promAlerts = [alert('x', labels)];
    const [listed] = (await listAlerts({})).groups[0]!.severities[0]!.alerts;
    up.promAlerts = [];
    const firedAt = NOW - 5 * HOUR;
    up.alertsSeries = [{ id: 'a', name: 'a', labels: { ...labels, alertstate: 'firing' }, samples: Array.from({ length: 31 }, (_, i) => ({ t: asUnixMs(firedAt + i * MIN), value: 1 })) }];

    const d = await loadAlertDetail(lookupOf(toAlertHref(listed!, {})), { now: NOW });

    expect(d.alert).toMatchObject({ state: 'inactive', activeAt: firedAt, labels: { severity: 'page' } });
    expect(d.rule?.name).toBe('PaymentLatencyBurnRate1h');
    expect(d.resolvedAt).toBe(firedAt + 30 * MIN);
    expect(d.window).toMatchObject({ start: firedAt - HOUR, end: firedAt + 30 * MIN + HOUR });
    // The ALERTS history was read for this alert only, then the rule charted over the window.
    expect(up.ranges[0]!.query).toBe('max_over_time(ALERTS{alertname="PaymentLatencyBurnRate1h",service="payment",severity="page",slo="payment-latency"}[61s])');
    expect(up.ranges.slice(1).every((q) => q.start === d.window.start && q.end === d.window.end)).toBe(true);
    expect(d.notices.map((n) => n.message)).toContain('This alert is no longer pending or firing; showing its rule around when it was last active.');
  });

  it('charts the last hour when the alert was not active in the last week', async () => {
    const d = await loadAlertDetail({ id: 'gone', alertname: labels.alertname, labels: { service: 'payment', severity: 'page' } }, { now: NOW });
    expect(d.alert.activeAt).toBeNull();
    expect(d.window).toMatchObject({ start: NOW - HOUR, end: NOW });
  });
});

describe('loadAlertDetail candidate traces', () => {
  it("searches around the alert's start, slower than the latency SLO's threshold, in the page's environment", async () => {
    up.promAlerts = [alert('x', labels)];
    const [listed] = (await listAlerts({})).groups[0]!.severities[0]!.alerts;
    const d = await loadAlertDetail({ id: listed!.id }, { now: NOW, environment: 'production' });

    const onset = NOW - 2 * HOUR;
    const [slow, errored] = up.searches;
    expect(slow).toMatchObject({ service: 'payment', start: onset - 10 * MIN, end: onset + 10 * MIN, minDuration: '1000000us', tags: { 'deployment.environment.name': 'production' } });
    expect(errored).toMatchObject({ service: 'payment', start: onset - 10 * MIN, end: onset + 10 * MIN, tags: { error: 'true', 'deployment.environment.name': 'production' } });
    expect(d.candidates.search).toEqual({ start: onset - 10 * MIN, end: onset + 10 * MIN, minDurationSeconds: 1, environment: 'production' });
  });

  it('shows the notice Jaeger sends with a partial search result on the page', async () => {
    up.promAlerts = [alert('x', labels)];
    const partial: ResultNotice = { code: 'PARTIAL', message: 'Jaeger answered with errors, so the result may be incomplete: trace abc not found' };
    up.searchNotices = [partial];
    const [listed] = (await listAlerts({})).groups[0]!.severities[0]!.alerts;
    const d = await loadAlertDetail({ id: listed!.id }, { now: NOW });
    expect(d.notices).toContainEqual(partial);
  });
});

describe('listAlerts with Prometheus external labels', () => {
  it('shows an alert that Alertmanager holds with extra labels once, silenced', async () => {
    up.promAlerts = [alert('x', labels)];
    up.amAlerts = [alert('fp1', { ...labels, cluster: 'eu-1' }, { silenced: true, silencedBy: ['s1'], value: null })];
    const r = await listAlerts({});
    expect(r.total).toBe(1);
    expect(r.groups[0]).toMatchObject({ service: 'payment', firing: 1 });
    expect(r.groups[0]!.severities[0]!.alerts[0]).toMatchObject({ silenced: true, inAlertmanager: true });
  });
});
