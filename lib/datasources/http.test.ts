import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { metrics } from '@/lib/observability/metrics';
import { createHttpClient, type HttpClientConfig } from './http';
import { deadlineIn } from './resilience/deadline';
import { toAuthorization } from './request-encoding';

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function refused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
}

/** A fake fetch that records calls and answers with `handler`. */
function fakeFetch(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return handler(String(input), init ?? {});
  }) as typeof fetch;
  return { fn, calls };
}

/** Resolves with `body` after `ms`, or rejects when the request's signal aborts. */
function delayed(ms: number, body = '{}', status = 200): Handler {
  return (_url, init) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve(new Response(body, { status })), ms);
      init.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
}

function client(fetchFn: typeof fetch, over: Partial<HttpClientConfig> = {}) {
  return createHttpClient({
    name: 'prometheus',
    baseUrl: 'http://prom.test',
    timeoutMs: 1_000,
    retry: { attempts: 3, budgetMs: 5_000 },
    breaker: { failureRate: 0.5, minRequests: 5, windowMs: 30_000, openMs: 10_000 },
    bulkhead: { maxConcurrent: 4, maxQueue: 2, queueTimeoutMs: 500 },
    cacheTtlMs: 15_000,
    fetch: fetchFn,
    random: () => 0.5,
    ...over,
  });
}

/** sightline_upstream_requests_total for one datasource and status. */
async function upstreamCount(datasource: string, status: string): Promise<number> {
  return (await metrics().upstreamRequests.get()).values.find((v) => v.labels.datasource === datasource && v.labels.status === status)?.value ?? 0;
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('timeouts and cancellation', () => {
  it('fails with UPSTREAM_TIMEOUT naming the datasource and the budget', async () => {
    const f = fakeFetch(delayed(5_000));
    const c = client(f.fn, { name: 'loki', timeoutMs: 1_500 });
    const p = caught(c.request({ path: '/x' }));
    await vi.advanceTimersByTimeAsync(1_500);
    const err = await p;
    expect(err.code).toBe('UPSTREAM_TIMEOUT');
    expect(err.status).toBe(504);
    expect(err.message).toBe('Loki did not answer within 1500 ms');
    expect(f.calls).toHaveLength(1); // timeouts are not retried
  });

  it('aborts the upstream request when the caller goes away', async () => {
    const f = fakeFetch(delayed(5_000));
    const c = client(f.fn);
    const ac = new AbortController();
    const p = caught(c.request({ path: '/x', signal: ac.signal }));
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    const err = await p;
    expect(err.message).toContain('cancelled');
    expect(f.calls[0]!.init.signal?.aborted).toBe(true);
  });

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

describe('retries', () => {
  it('retries a GET on 503 with backoff and returns the later success', async () => {
    let n = 0;
    const f = fakeFetch(async () => (++n < 3 ? new Response('busy', { status: 503 }) : new Response('{"ok":1}')));
    const p = client(f.fn).request({ path: '/x' });
    await vi.advanceTimersByTimeAsync(1_000);
    const res = await p;
    expect(res.status).toBe(200);
    expect(f.calls).toHaveLength(3);
  });

  it('retries connection refused, then reports the datasource unavailable', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const p = caught(client(f.fn).request({ path: '/x' }));
    await vi.advanceTimersByTimeAsync(1_000);
    const err = await p;
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.message).toContain('Prometheus is unavailable');
    expect(f.calls).toHaveLength(3);
  });

  it('does not retry a 400 or a non-idempotent POST', async () => {
    const f = fakeFetch(async () => new Response('bad', { status: 400 }));
    expect((await client(f.fn).request({ path: '/x' })).status).toBe(400);
    const g = fakeFetch(async () => new Response('busy', { status: 503 }));
    const p = client(g.fn).request({ path: '/x', method: 'POST', form: { a: '1' } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await p).status).toBe(503);
    expect(f.calls).toHaveLength(1);
    expect(g.calls).toHaveLength(1);
  });

  it('stops retrying when the time budget is spent', async () => {
    const f = fakeFetch(delayed(400, 'busy', 503));
    const t0 = Date.now();
    const p = client(f.fn, { retry: { attempts: 10, budgetMs: 1_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const { r, ms } = await p;
    expect(r.status).toBe(503);
    expect(f.calls.length).toBeLessThanOrEqual(3);
    // Attempts at 0 and 450 ms answer 503; the third (from 950 ms) gets the 50 ms left and is cut there.
    expect(ms).toBeLessThanOrEqual(1_000);
  });

  it('does not retry once an attempt has outlived the budget: a read takes at most its timeout', async () => {
    // The defaults: Prometheus' 10 s timeout, a 5 s budget, 3 attempts; a gateway answering 504 after 9 s.
    const f = fakeFetch(delayed(9_000, 'gateway timeout', 504));
    const t0 = Date.now();
    const p = client(f.fn, { timeoutMs: 10_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    const { r, ms } = await p;
    expect(r.status).toBe(504);
    expect(f.calls).toHaveLength(1);
    expect(ms).toBe(9_000);
  });

  it('gives a retry at most what is left of the budget, and then reports the attempt before it', async () => {
    let n = 0;
    // The first attempt answers 503 after 1 s; the retry hangs.
    const f = fakeFetch((url, init) => (++n === 1 ? delayed(1_000, 'busy', 503)(url, init) : delayed(60_000)(url, init)));
    const t0 = Date.now();
    const p = client(f.fn, { timeoutMs: 10_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    const { r, ms } = await p;
    expect(r.status).toBe(503);
    expect(ms).toBe(5_000);
    expect(f.calls).toHaveLength(2);
    expect(f.calls[1]!.init.signal?.aborted).toBe(true);
  });

  it('keeps the full timeout for the first attempt even when it is longer than the budget', async () => {
    const f = fakeFetch(delayed(60_000));
    const p = caught(client(f.fn, { timeoutMs: 8_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }));
    await vi.advanceTimersByTimeAsync(8_000);
    expect((await p).message).toBe('Prometheus did not answer within 8000 ms');
  });
});

describe('circuit breaker', () => {
  it('opens after the failure threshold, fails fast, then a half-open probe closes it', async () => {
    let up = false;
    const f = fakeFetch(async () => (up ? new Response('{}') : Promise.reject(refused())));
    const c = client(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 5; i++) await caught(c.request({ path: `/x${i}` }));
    expect(c.breakerState()).toBe('open');
    const before = f.calls.length;
    const err = await caught(c.request({ path: '/y' }));
    expect(f.calls.length).toBe(before); // failed fast, no upstream call
    expect(err.status).toBe(503);
    expect(err.message).toBe('Prometheus is unavailable (circuit open after 5 failures); retrying in 10s');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(c.breakerState()).toBe('half_open');
    up = true;
    expect((await c.request({ path: '/probe' })).status).toBe(200);
    expect(c.breakerState()).toBe('closed');
  });

  it('stays closed below the minimum request count', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const c = client(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 4; i++) await caught(c.request({ path: `/x${i}` }));
    expect(c.breakerState()).toBe('closed');
  });

  it('reports half-open on the breaker gauge when the open period ends, without a request asking', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const c = client(f.fn, { name: 'alertmanager', retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 5; i++) await caught(c.request({ path: `/x${i}` }));
    const gauge = async () => (await metrics().breakerState.get()).values.find((v) => v.labels.datasource === 'alertmanager')?.value;
    expect(await gauge()).toBe(2); // open
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await gauge()).toBe(1); // half-open, though nothing asked for the state
  });

  it('re-opens when the probe fails', async () => {
    const f = fakeFetch(async () => new Response('down', { status: 500 }));
    const c = client(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 5; i++) await c.request({ path: `/x${i}` });
    await vi.advanceTimersByTimeAsync(10_000);
    await c.request({ path: '/probe' });
    expect(c.breakerState()).toBe('open');
  });
});

describe('bulkhead', () => {
  it('queues past the concurrency limit and rejects past the queue with 503', async () => {
    const f = fakeFetch(delayed(300));
    const c = client(f.fn, { bulkhead: { maxConcurrent: 2, maxQueue: 1, queueTimeoutMs: 1_000 } });
    const ps = [0, 1, 2].map((i) => c.request({ path: `/q${i}` }));
    await vi.advanceTimersByTimeAsync(0);
    expect(c.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    const err = await caught(c.request({ path: '/q3' }));
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.message).toContain('Prometheus is overloaded');
    await vi.advanceTimersByTimeAsync(700);
    expect((await Promise.all(ps)).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('rejects a queued call after the queue timeout', async () => {
    const f = fakeFetch(delayed(900));
    const c = client(f.fn, { bulkhead: { maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 200 } });
    const first = c.request({ path: '/a' });
    const second = caught(c.request({ path: '/b' }));
    await vi.advanceTimersByTimeAsync(200);
    expect((await second).message).toContain('no connection became free within 200 ms');
    await vi.advanceTimersByTimeAsync(700);
    await first;
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
});

describe('server deadlines', () => {
  it('reports a deadline the server set as a timeout, counted and charged to the breaker, unlike the caller leaving', async () => {
    const f = fakeFetch(delayed(60_000));
    const c = client(f.fn, { name: 'loki', timeoutMs: 15_000 });
    const timeouts = await upstreamCount('loki', 'timeout');
    const cancels = await upstreamCount('loki', 'cancelled');

    const ac = new AbortController();
    const left = caught(c.request({ path: '/left', signal: ac.signal, deadline: deadlineIn(2_000) }));
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    expect((await left).message).toBe('the request to Loki was cancelled');
    expect(await upstreamCount('loki', 'cancelled')).toBe(cancels + 1);

    for (let i = 0; i < 5; i++) {
      const p = caught(c.request({ path: `/ready${i}`, signal: new AbortController().signal, deadline: deadlineIn(2_000) }));
      await vi.advanceTimersByTimeAsync(2_000);
      const err = await p;
      expect(err.code).toBe('UPSTREAM_TIMEOUT');
      expect(err.message).toBe('Loki did not answer within 2000 ms');
      expect(f.calls.at(-1)!.init.signal?.aborted).toBe(true);
    }
    expect(await upstreamCount('loki', 'timeout')).toBe(timeouts + 5);
    expect(c.breakerState()).toBe('open'); // five timeouts out of five; the cancelled call did not count
  });

  it('fails at once, without a request, when the deadline has already passed', async () => {
    const f = fakeFetch(delayed(10));
    const c = client(f.fn);
    const err = await caught(c.request({ path: '/x', deadline: { at: Date.now() - 1, ms: 30_000 } }));
    expect(err.message).toBe('Prometheus did not answer within 30000 ms');
    expect(f.calls).toHaveLength(0);
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

