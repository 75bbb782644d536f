import { describe, expect, it } from 'vitest';
import { testHttpClient } from '@/lib/testing/test-http';
import { asUnixMs } from '../types';
import { createLokiClient } from './client';
import { runLogQl } from './run-logql';

/**
 * A fake Loki that answers like the real one: lines for a query whose expression is a log query
 * (its first non-comment, non-parenthesis character is `{`), a matrix for a metric query.
 */
function fakeLoki() {
  const queries: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const query = new URL(String(input)).searchParams.get('query')!;
    queries.push(query);
    const expr = query.replace(/#[^\n]*\n/g, '').replace(/^[\s(]+/, '');
    const data = expr.startsWith('{')
      ? { resultType: 'streams', result: [{ stream: { service_name: 'cart' }, values: [['1700000000000000000', 'paid']] }] }
      : { resultType: 'matrix', result: [{ metric: { level: 'info' }, values: [[1_700_000_000, '3']] }] };
    return Response.json({ status: 'success', data });
  }) as typeof globalThis.fetch;
  const http = testHttpClient('loki', 'http://loki.fake', { fetch });
  return { client: createLokiClient({ http }), queries };
}

const range = { start: asUnixMs(1_699_999_000_000), end: asUnixMs(1_700_001_000_000), limit: 100, stepSeconds: 60 };

describe('runLogQl', () => {
  it('runs a metric query once, as a metric query', async () => {
    const loki = fakeLoki();
    const r = await runLogQl(loki.client, { ...range, query: 'sum by (level) (count_over_time({service_name="cart"} [1m]))' });
    expect(r).toMatchObject({ kind: 'metrics', data: [{ labels: { level: 'info' } }] });
    expect(loki.queries).toHaveLength(1);
  });

  it('runs a log query once, as a log query', async () => {
    const loki = fakeLoki();
    const r = await runLogQl(loki.client, { ...range, query: '{service_name="cart"} |= "paid"' });
    expect(r).toMatchObject({ kind: 'logs', data: [{ line: 'paid' }] });
    expect(loki.queries).toHaveLength(1);
  });

  it('still answers a query it took for the other kind, from what Loki answered', async () => {
    const loki = fakeLoki();
    // A leading comment: the grammar does not read it as a log query, Loki does.
    const r = await runLogQl(loki.client, { ...range, query: '# paid orders\n{service_name="cart"} |= "paid"' });
    expect(r).toMatchObject({ kind: 'logs', data: [{ line: 'paid' }] });
    expect(loki.queries).toHaveLength(2);
  });
});
