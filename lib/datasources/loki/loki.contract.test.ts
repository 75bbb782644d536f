import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { testHttpClient } from '@/lib/testing/test-http';
import { fixtureHttp, listFixtures } from '@/lib/testing/fixtures';
import { asUnixMs } from '../types';
import { createLokiClient } from './client';

const loki = (name: string) => {
  const f = fixtureHttp('loki', name);
  return { client: createLokiClient({ http: f.http }), ...f };
};
const range = { start: asUnixMs(1_700_000_000_000), end: asUnixMs(1_700_003_600_000) };

describe('Loki fixtures (captured from a real server)', () => {
  it('has a contract test for every captured fixture', () => {
    expect(listFixtures('loki')).toEqual(['label-values-service-name', 'labels', 'query-parse-error-400', 'query-range-matrix', 'query-range-streams', 'query-range-streams-plain']);
  });

  it('puts structured metadata in fields and reads trace, span and level from it', async () => {
    const { client, urls, headers } = loki('query-range-streams');
    const r = await client.queryLogs({ query: '{service_name=~".+"}', ...range, limit: 100 });
    expect(headers[0]!['X-Loki-Response-Encoding-Flags']).toBe('categorize-labels');
    // One more than the limit: a full answer then shows that more entries exist.
    expect(urls[0]).toContain('start=1700000000000000000&end=1700003600000000000&limit=101&direction=backward');
    const failed = r.data.find((e) => e.line === 'payment failed: card declined')!;
    expect(failed).toMatchObject({ level: 'error', labels: { service_name: 'payment' } });
    expect(failed.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(failed.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(failed.fields.correlation_id).toMatch(/^corr-/);
    expect(failed.t).toBe(Number(BigInt(failed.ns) / 1_000_000n));
    const ns = r.data.map((e) => BigInt(e.ns));
    expect(ns).toEqual([...ns].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))); // newest first
    expect(new Set(r.data.map((e) => e.id)).size).toBe(r.data.length);
  });

  it('reads entries without categorize-labels (metadata as labels) and says when the limit capped them', async () => {
    // The fixture holds 5 entries: a limit of 4 leaves one out.
    const r = await loki('query-range-streams-plain').client.queryLogs({ query: '{service_name=~".+"}', ...range, limit: 4 });
    expect(r.data).toHaveLength(4);
    expect(r.data[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.data[0]!.level).not.toBe('unknown');
    expect(r.notices).toEqual([expect.objectContaining({ code: 'ENTRIES_CAPPED' })]);
  });

  it('does not say capped when exactly the limit of entries exist', async () => {
    const { client, urls } = loki('query-range-streams-plain');
    const r = await client.queryLogs({ query: '{service_name=~".+"}', ...range, limit: 5 });
    expect(urls[0]).toContain('limit=6');
    expect(r.data).toHaveLength(5);
    expect(r.notices).toEqual([]);
  });

  it('turns a metric query into series', async () => {
    const r = await loki('query-range-matrix').client.queryMetrics({ query: 'x', ...range, stepSeconds: 60 });
    expect(r.data.map((s) => s.labels.service_name)).toContain('payment');
    expect(r.data[0]!.samples[0]!.t).toBeGreaterThan(1.6e12);
    expect(r.window).toEqual({ start: range.start, end: range.end, stepSeconds: 60 });
  });

  it("surfaces Loki's plain-text parse error as UPSTREAM_BAD_QUERY", async () => {
    const err = await loki('query-parse-error-400').client.queryLogs({ query: '{service_name=', ...range, limit: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM_BAD_QUERY');
    expect((err as AppError).message).toMatch(/^parse error at line 1/);
  });

  it('lists labels and values', async () => {
    expect(await loki('labels').client.labels(range)).toContain('service_name');
    expect(await loki('label-values-service-name').client.labelValues('service_name', range)).toEqual(expect.arrayContaining(['payment', 'api-gateway']));
  });
});

describe('paging across the server entry cap', () => {
  // A fake Loki holding 12 entries at ns 1..12 that honours start (inclusive), end (exclusive),
  // limit and direction, like the real one.
  const fake = (async (input: string | URL | Request) => {
    const u = new URL(String(input));
    const start = BigInt(u.searchParams.get('start')!);
    const end = BigInt(u.searchParams.get('end')!);
    const limit = Number(u.searchParams.get('limit'));
    let ns = Array.from({ length: 12 }, (_, i) => BigInt(i + 1)).filter((n) => n >= start && n < end);
    ns = u.searchParams.get('direction') === 'backward' ? ns.reverse() : ns;
    const values = ns.slice(0, limit).map((n) => [String(n), `line ${n}`]);
    return Response.json({ status: 'success', data: { resultType: 'streams', result: [{ stream: { service_name: 'cart' }, values }] } });
  }) as typeof fetch;
  const client = () =>
    createLokiClient({
      serverCap: 5,
      http: testHttpClient('loki', 'http://loki.fake', { fetch: fake }),
    });
  const q = { query: '{service_name="cart"}', start: asUnixMs(0), end: asUnixMs(1) };

  it('returns every entry when they fit under the requested limit, without a cap notice', async () => {
    const r = await client().queryLogs({ ...q, limit: 20 });
    expect(r.data.map((e) => e.line)).toEqual(Array.from({ length: 12 }, (_, i) => `line ${12 - i}`));
    expect(r.notices).toEqual([]);
  });

  it('returns the newest entries up to the limit and says it capped them', async () => {
    const r = await client().queryLogs({ ...q, limit: 8 });
    expect(r.data.map((e) => e.line)).toEqual(['line 12', 'line 11', 'line 10', 'line 9', 'line 8', 'line 7', 'line 6', 'line 5']);
    expect(r.notices[0]!.code).toBe('ENTRIES_CAPPED');
  });

  it('pages forward from the oldest entry', async () => {
    const r = await client().queryLogs({ ...q, limit: 20, direction: 'forward' });
    expect(r.data[0]!.line).toBe('line 1');
    expect(r.data).toHaveLength(12);
  });
});
