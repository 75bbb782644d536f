import type { Slo } from '@/lib/slo/schema';
import type { SloStatus } from '@/lib/slo/types';
import { describe, expect, it } from 'vitest';
import { resolvePanel } from './resolve';
import { dashboard, errorOf, fakeDeps, NOW, req, series } from './test-panels';

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
