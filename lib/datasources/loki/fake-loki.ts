import { testHttpClient } from '@/lib/testing/test-http';

/**
 * Tests only: a fake Loki over entries at the given nanoseconds (one stream) that honours start
 * (inclusive), end (exclusive), limit and direction, refuses a limit over its
 * max_entries_limit_per_query with 400 as the real one does, and adds `warnings` to every answer.
 */
export function fakeLoki(nanos: bigint[], { maxEntries = 5, warnings }: { maxEntries?: number; warnings?: string[] } = {}) {
  const limits: number[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const u = new URL(String(input));
    if (u.searchParams.get('step')) {
      return Response.json({ status: 'success', warnings, data: { resultType: 'matrix', result: [{ metric: { level: 'info' }, values: [[1_700_000_000, '1']] }] } });
    }
    const limit = Number(u.searchParams.get('limit'));
    limits.push(limit);
    if (limit > maxEntries) return new Response(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxEntries})`, { status: 400 });
    const start = BigInt(u.searchParams.get('start')!);
    const end = BigInt(u.searchParams.get('end')!);
    const inRange = nanos.map((n, i) => ({ n, i })).filter(({ n }) => n >= start && n < end);
    inRange.sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : a.i - b.i));
    if (u.searchParams.get('direction') === 'backward') inRange.reverse();
    const values = inRange.slice(0, limit).map(({ n, i }) => [String(n), `line ${i}`]);
    return Response.json({ status: 'success', warnings, data: { resultType: 'streams', result: [{ stream: { service_name: 'cart' }, values }] } });
  }) as typeof globalThis.fetch;
  return { http: testHttpClient('loki', 'http://loki.fake', { fetch }), limits };
}
