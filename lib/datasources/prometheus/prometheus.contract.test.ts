import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { fixtureHttp, listFixtures } from '@/lib/testing/fixtures';
import { asUnixMs } from '../types';
import { toSafeStep } from '@/lib/dashboards/time';
import { createPrometheusClient } from './client';

const client = (name: string) => {
  const f = fixtureHttp('prometheus', name);
  return { prom: createPrometheusClient({ http: f.http }), ...f };
};
const range = { query: 'up', start: asUnixMs(1_700_000_000_000), end: asUnixMs(1_700_000_900_000), stepSeconds: 15 };

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('Prometheus fixtures (captured from a real server)', () => {
  it('has a contract test for every captured fixture', () => {
    expect(listFixtures('prometheus')).toEqual([
      'alerts', 'label-values-job', 'labels', 'query-bad-promql-400', 'query-exemplars', 'query-instant-scalar', 'query-instant-vector',
      'query-range-empty', 'query-range-matrix', 'query-range-nan-inf', 'query-range-too-many-points-400', 'rules', 'series',
    ]);
  });

  it('turns a matrix into series with millisecond timestamps and numeric values', async () => {
    const { prom, urls } = client('query-range-matrix');
    const r = await prom.queryRange(range);
    expect(r.data.length).toBeGreaterThan(0);
    const s = r.data[0]!;
    expect(s.labels.__name__).toBeUndefined(); // rate() drops the metric name
    expect(s.samples[0]!.t % 1000).toBe(0);
    expect(s.samples[0]!.t).toBeGreaterThan(1.6e12); // ms, not seconds
    expect(s.samples.every((p) => p.value === null || Number.isFinite(p.value))).toBe(true);
    expect(urls[0]).toMatch(/\/api\/v1\/query_range\?query=up&start=1700000000.000&end=1700000900.000&step=15$/); // a GET
    expect(r.window).toEqual({ start: range.start, end: range.end, stepSeconds: 15 });
  });

  it('sends a query too long for a URL as a form POST', async () => {
    const { prom, urls } = client('query-range-matrix');
    const long = `sum(${Array.from({ length: 400 }, (_, i) => `up{instance="host-${i}"}`).join(' or ')})`;
    await prom.queryRange({ ...range, query: long });
    expect(urls[0]).toMatch(/\/api\/v1\/query_range query=sum/);
  });

  it('keeps +Inf and -Inf and turns NaN into null (no data)', async () => {
    const r = await client('query-range-nan-inf').prom.queryRange(range);
    const byKind = Object.fromEntries(r.data.map((s) => [s.labels.kind, s.samples[0]!.value]));
    expect(byKind).toMatchObject({ inf: Infinity, neg_inf: -Infinity, nan: null });
  });

  it('returns an empty list for a query with no series', async () => {
    expect((await client('query-range-empty').prom.queryRange(range)).data).toEqual([]);
  });

  it('reads instant vectors and scalars', async () => {
    const v = await client('query-instant-vector').prom.queryInstant('up');
    expect(v.data.every((s) => s.labels.__name__ === 'up' && s.samples.length === 1 && s.samples[0]!.value === 1)).toBe(true);
    const sc = await client('query-instant-scalar').prom.queryInstant('scalar(vector(42))');
    expect(sc.data[0]!.samples[0]!.value).toBe(42);
  });

  it("surfaces Prometheus' own message for bad PromQL as UPSTREAM_BAD_QUERY", async () => {
    const err = await rejection(client('query-bad-promql-400').prom.queryInstant('sum(rate(x[5m])'));
    expect(err.code).toBe('UPSTREAM_BAD_QUERY');
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/parse error/);
  });

  it('surfaces the resolution error of a too-fine step', async () => {
    const err = await rejection(client('query-range-too-many-points-400').prom.queryRange(range));
    expect(err.message).toMatch(/exceeded maximum resolution/);
  });

  it('raises the step past 11,000 points and says so', async () => {
    const day = { ...range, end: asUnixMs(range.start + 86_400_000), stepSeconds: 1 };
    const { prom, urls } = client('query-range-matrix');
    const r = await prom.queryRange(day);
    expect(urls[0]).toContain('step=8');
    expect(r.notices).toEqual([expect.objectContaining({ code: 'STEP_RAISED' })]);
    // The answer says the step it ran at, so a chart finds the gaps at that step rather than the one asked for.
    expect(r.window).toEqual({ start: day.start, end: day.end, stepSeconds: 8 });
    expect(toSafeStep({ ...range, stepSeconds: 15 }).notice).toBeNull();
  });

  it('reads exemplars with their trace IDs', async () => {
    const ex = (await client('query-exemplars').prom.queryExemplars('x', range.start, range.end)).data;
    expect(ex.length).toBeGreaterThan(0);
    expect(ex[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ex[0]!.t).toBeGreaterThan(1.6e12);
  });

  it('reads alerts and alerting rules with runbooks', async () => {
    const alerts = await client('alerts').prom.alerts();
    expect(alerts[0]).toMatchObject({ name: 'AlwaysFiring', state: 'firing', value: 1, silenced: false });
    expect(alerts[0]!.activeAt).toBeGreaterThan(1.6e12);
    const rules = await client('rules').prom.rules();
    expect(rules.map((r) => r.name)).toContain('HighRequestRate');
    expect(rules.find((r) => r.name === 'HighRequestRate')).toMatchObject({ durationSeconds: 300, query: expect.stringContaining('> 1000') });
    expect(rules.some((r) => r.annotations.runbook_url)).toBe(true);
  });

  it('reads labels, label values and series', async () => {
    expect(await client('labels').prom.labels()).toContain('job');
    expect(await client('label-values-job').prom.labelValues('job')).toContain('prometheus');
    const series = await client('series').prom.series(['up']);
    expect(series.every((s) => s.__name__ === 'up')).toBe(true);
  });
});
