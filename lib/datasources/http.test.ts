import { describe, expect, it, vi } from 'vitest';
import { metrics } from '@/lib/observability/metrics';
import { caught, delayed, fakeFetch } from './fake-fetch';
import { createHttpClient, type HttpClientConfig } from './http';
import { deadlineIn } from './resilience/deadline';
import { toAuthorization } from './request-encoding';
import { withFakeClock } from './test-guard';

// What the HTTP layer adds around the guard: URLs, headers and auth, coalescing and the panel cache.
// Timeouts, retries, server deadlines: upstream-guard.test.ts; breaker and bulkhead: upstream-guard-limits.test.ts.

function client(fetchFn: typeof fetch, over: Partial<HttpClientConfig> = {}) {
  return createHttpClient({
    name: 'prometheus',
    baseUrl: 'http://prom.test',
    timeoutMs: 1_000,
    retry: { attempts: 3, budgetMs: 5_000 },
    breaker: { failureRate: 0.5, minRequests: 5, windowMs: 30_000, openMs: 10_000 },
    bulkhead: { maxConcurrent: 4, maxQueue: 2, queueTimeoutMs: 500 },
    cacheTtlMs: 15_000,
    maxResponseBytes: 1_000_000,
    fetch: fetchFn,
    random: () => 0.5,
    ...over,
  });
}

withFakeClock();

describe('headers and auth', () => {
  it('passes x-request-id and the configured auth upstream', async () => {
    const f = fakeFetch(async () => new Response('{}'));
    const c = client(f.fn, { auth: 'basic ann:secret', headers: { 'X-Scope-OrgID': 'tenant-a' } });
    await c.request({ path: '/x', requestId: 'req-42' });
    const h = f.calls[0]!.init.headers as Record<string, string>;
    expect(h['x-request-id']).toBe('req-42');
    expect(h.authorization).toBe(`Basic ${Buffer.from('ann:secret').toString('base64')}`);
    expect(h['X-Scope-OrgID']).toBe('tenant-a');
    expect(toAuthorization('bearer abc')).toBe('Bearer abc');
  });

  it('asks for unencoded answers unless the datasource headers ask for an encoding', async () => {
    const f = fakeFetch(async () => new Response('{}'));
    await client(f.fn).request({ path: '/x' });
    await client(f.fn, { headers: { 'Accept-Encoding': 'gzip' } }).request({ path: '/x' });
    const [plain, configured] = f.calls.map((c) => new Headers(c.init.headers));
    expect(plain!.get('accept-encoding')).toBe('identity');
    expect(configured!.get('accept-encoding')).toBe('gzip');
  });
});

describe('coalescing and cache', () => {
  it('sends one upstream request for identical concurrent GETs and form POST queries', async () => {
    const f = fakeFetch(delayed(100, '{"v":1}'));
    const c = client(f.fn);
    const gets = Array.from({ length: 20 }, () => c.request({ path: '/q', query: { a: '1' } }));
    const posts = Array.from({ length: 5 }, () => c.request({ path: '/q', method: 'POST', idempotent: true, form: { query: 'up' } }));
    await vi.advanceTimersByTimeAsync(100);
    const all = await Promise.all([...gets, ...posts]);
    expect(all.every((r) => r.text === '{"v":1}')).toBe(true);
    expect(f.calls).toHaveLength(2);
  });

  it('keeps the shared upstream call alive while any waiter remains', async () => {
    const f = fakeFetch(delayed(100, '{"v":1}'));
    const c = client(f.fn);
    const a = new AbortController();
    const first = caught(c.request({ path: '/q', signal: a.signal }));
    const second = c.request({ path: '/q', signal: new AbortController().signal });
    a.abort();
    await first;
    await vi.advanceTimersByTimeAsync(100);
    expect((await second).text).toBe('{"v":1}');
    expect(f.calls[0]!.init.signal?.aborted).toBe(false);
  });

  it('starts afresh when an identical request arrives after every waiter of the in-flight call left', async () => {
    const f = fakeFetch(delayed(100, '{"v":1}'));
    const c = client(f.fn);
    const coalesced = async () => (await metrics().coalesced.get()).values.find((v) => v.labels.datasource === 'prometheus')?.value ?? 0;
    const before = await coalesced();
    const a = new AbortController();
    const first = caught(c.request({ path: '/q', signal: a.signal }));
    await vi.advanceTimersByTimeAsync(10);
    a.abort();
    const second = c.request({ path: '/q', signal: new AbortController().signal });
    await first;
    await vi.advanceTimersByTimeAsync(50);
    // The aborted call settling must not take the new call's place in the table: this one joins it.
    const third = c.request({ path: '/q' });
    await vi.advanceTimersByTimeAsync(100);
    expect((await second).text).toBe('{"v":1}');
    expect((await third).text).toBe('{"v":1}');
    expect(f.calls).toHaveLength(2);
    expect(await coalesced()).toBe(before + 1); // the third only
  });

  it('refuses a read whose caller already left without starting an upstream call (none left to reject unheard)', async () => {
    const unheard: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unheard.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const f = fakeFetch(delayed(100, '{"v":1}'));
      const c = client(f.fn);
      const gone = new AbortController();
      gone.abort();
      const err = await caught(c.request({ path: '/q', signal: gone.signal }));
      expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT', details: { datasource: 'prometheus', cancelled: true } });
      await vi.advanceTimersByTimeAsync(200);
      expect(f.calls).toHaveLength(0);
      expect(unheard).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('serves a cached panel query until the TTL passes', async () => {
    let n = 0;
    const f = fakeFetch(async () => new Response(String(++n)));
    const c = client(f.fn, { cacheTtlMs: 15_000 });
    expect((await c.request({ path: '/q', cache: true })).text).toBe('1');
    expect((await c.request({ path: '/q', cache: true })).text).toBe('1');
    expect((await c.request({ path: '/q' })).text).toBe('2'); // not a panel query: no cache
    await vi.advanceTimersByTimeAsync(15_001);
    expect((await c.request({ path: '/q', cache: true })).text).toBe('3');
  });

  it('does not cache errors', async () => {
    let n = 0;
    const f = fakeFetch(async () => new Response(String(++n), { status: n === 1 ? 400 : 200 }));
    const c = client(f.fn);
    expect((await c.request({ path: '/q', cache: true })).status).toBe(400);
    expect((await c.request({ path: '/q', cache: true })).status).toBe(200);
  });

  it('lets identical reads under deadlines of one length share a call, and keeps reads under another time box apart', async () => {
    const f = fakeFetch(delayed(50));
    const c = client(f.fn);
    const explore = () => c.request({ path: '/q', deadline: deadlineIn(30_000) });
    const answers = Promise.all([explore(), explore(), explore(), c.request({ path: '/q', deadline: deadlineIn(2_000) }), c.request({ path: '/q' })]);
    await vi.advanceTimersByTimeAsync(60);
    expect((await answers).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(f.calls).toHaveLength(3); // the three explore reads, the 2 s one and the one with no deadline
  });
});
