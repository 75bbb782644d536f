import { describe, expect, it, vi } from 'vitest';
import { loadFixture } from '@/lib/testing/fixtures';
import { testHttpClient } from '@/lib/testing/test-http';
import { asUnixMs } from '../types';
import { createJaegerClient } from './client';

const warn = vi.fn();
vi.mock('@/lib/observability/log', () => ({ logger: { warn: (...a: unknown[]) => warn(...a), error: vi.fn(), info: vi.fn(), debug: vi.fn() } }));

/** A Jaeger answering each request with the next body (200). */
function jaegerAnswering(...bodies: unknown[]) {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input));
    return Response.json(bodies.length > 1 ? bodies.shift() : bodies[0]);
  }) as typeof globalThis.fetch;
  return { client: createJaegerClient({ http: testHttpClient('jaeger', 'http://jaeger.test', { fetch, cacheTtlMs: 15_000 }) }), urls };
}

const searched = loadFixture('jaeger', 'traces-search').body as { data: unknown[] };
const oneTrace = loadFixture('jaeger', 'trace').body as { data: unknown[] };
const lost = [{ code: 500, msg: 'trace 4bf92f3577b34da6 could not be read from storage' }];
const search = { service: 'api-gateway', start: asUnixMs(1_700_000_000_000), end: asUnixMs(1_700_000_060_000) };

describe("Jaeger's errors next to data", () => {
  it('make a search result partial, with a notice saying what Jaeger reported', async () => {
    const { client } = jaegerAnswering({ ...searched, errors: lost });
    const r = await client.searchTraces(search);
    expect(r.data).toHaveLength(searched.data.length);
    expect(r.notices).toEqual([{ code: 'PARTIAL', message: `Jaeger answered with errors, so the result may be incomplete: ${lost[0]!.msg}` }]);
  });

  it('are logged by the functions that return data alone, never dropped silently', async () => {
    warn.mockReset();
    const { client } = jaegerAnswering({ data: ['cart'], errors: lost });
    expect(await client.services({ requestId: 'req-3' })).toEqual(['cart']);
    expect(warn).toHaveBeenCalledWith(`Jaeger services: Jaeger answered with errors, so the result may be incomplete: ${lost[0]!.msg}`, { requestId: 'req-3' });
  });

  it("are among a trace's warnings", async () => {
    const { client } = jaegerAnswering({ ...oneTrace, errors: lost });
    const t = await client.getTrace('x');
    expect(t.warnings).toContain(`Jaeger answered with errors, so the result may be incomplete: ${lost[0]!.msg}`);
  });

  it('never let a 200 answer that holds only errors be served from the panel cache', async () => {
    const { client, urls } = jaegerAnswering({ data: null, errors: [{ code: 500, msg: 'storage down' }] }, { data: ['cart'], errors: null });
    await expect(client.services({ cache: true })).rejects.toThrow('Jaeger: storage down');
    expect(await client.services({ cache: true })).toEqual(['cart']);
    expect(await client.services({ cache: true })).toEqual(['cart']); // a good answer is cached
    expect(urls).toHaveLength(2);
  });
});
