import { describe, expect, it } from 'vitest';
import { asUnixMs, type Exemplar } from '@/lib/datasources/types';
import type { PanelDeps } from './context';
import { resolvePanel } from './resolve';
import { dashboard, fakeDeps, NOW, req } from './test-panels';

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
