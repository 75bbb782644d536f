import { describe, expect, it, vi } from 'vitest';
import { caught, delayed, fakeFetch, refused } from './fake-fetch';
import { judgeGrpc, type GrpcAnswer } from './jaeger/grpc';
import { createUpstreamGuard } from './upstream-guard';
import { deadlineIn } from './resilience/deadline';
import { guarded, outcomeCount, upstreamCount, withFakeClock } from './test-guard';

// The guard around every upstream call: timeouts, retries within a budget, server deadlines and the
// upstream metrics (its breaker and bulkhead: upstream-guard-limits.test.ts). Driven with HTTP
// answers from a fake fetch.

withFakeClock();

describe('timeouts and cancellation', () => {
  it('fails with UPSTREAM_TIMEOUT naming the datasource and the budget', async () => {
    const f = fakeFetch(delayed(5_000));
    const c = guarded(f.fn, { name: 'loki', timeoutMs: 1_500 });
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
    const c = guarded(f.fn);
    const ac = new AbortController();
    const p = caught(c.request({ path: '/x', signal: ac.signal }));
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    const err = await p;
    expect(err.message).toContain('cancelled');
    expect(f.calls[0]!.init.signal?.aborted).toBe(true);
  });
});

describe('retries', () => {
  it('retries a GET on 503 with backoff and returns the later success', async () => {
    let n = 0;
    const f = fakeFetch(async () => (++n < 3 ? new Response('busy', { status: 503 }) : new Response('{"ok":1}')));
    const p = guarded(f.fn).request({ path: '/x' });
    await vi.advanceTimersByTimeAsync(1_000);
    const res = await p;
    expect(res.status).toBe(200);
    expect(f.calls).toHaveLength(3);
  });

  it('retries connection refused, then reports the datasource unavailable', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const p = caught(guarded(f.fn).request({ path: '/x' }));
    await vi.advanceTimersByTimeAsync(1_000);
    const err = await p;
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.message).toContain('Prometheus is unavailable');
    expect(f.calls).toHaveLength(3);
  });

  it('does not retry a 400 or a non-idempotent POST', async () => {
    const f = fakeFetch(async () => new Response('bad', { status: 400 }));
    expect((await guarded(f.fn).request({ path: '/x' })).status).toBe(400);
    const g = fakeFetch(async () => new Response('busy', { status: 503 }));
    const p = guarded(g.fn).request({ path: '/x', method: 'POST', form: { a: '1' } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await p).status).toBe(503);
    expect(f.calls).toHaveLength(1);
    expect(g.calls).toHaveLength(1);
  });

  it('stops retrying when the time budget is spent', async () => {
    const f = fakeFetch(delayed(400, 'busy', 503));
    const t0 = Date.now();
    const p = guarded(f.fn, { retry: { attempts: 10, budgetMs: 1_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const { r, ms } = await p;
    expect(r.status).toBe(503);
    expect(f.calls).toHaveLength(3);
    // Attempts at 0 and 450 ms answer 503; the third (from 950 ms) gets the 50 ms left and is cut there.
    expect(ms).toBeLessThanOrEqual(1_000);
  });

  it('does not retry once an attempt has outlived the budget: a read takes at most its timeout', async () => {
    // The defaults: Prometheus' 10 s timeout, a 5 s budget, 3 attempts; a gateway answering 504 after 9 s.
    const f = fakeFetch(delayed(9_000, 'gateway timeout', 504));
    const t0 = Date.now();
    const p = guarded(f.fn, { timeoutMs: 10_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
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
    const p = guarded(f.fn, { timeoutMs: 10_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }).then((r) => ({ r, ms: Date.now() - t0 }));
    await vi.advanceTimersByTimeAsync(60_000);
    const { r, ms } = await p;
    expect(r.status).toBe(503);
    expect(ms).toBe(5_000);
    expect(f.calls).toHaveLength(2);
    expect(f.calls[1]!.init.signal?.aborted).toBe(true);
  });

  it('keeps the full timeout for the first attempt even when it is longer than the budget', async () => {
    const f = fakeFetch(delayed(60_000));
    const p = caught(guarded(f.fn, { timeoutMs: 8_000, retry: { attempts: 3, budgetMs: 5_000 } }).request({ path: '/x' }));
    await vi.advanceTimersByTimeAsync(8_000);
    expect((await p).message).toBe('Prometheus did not answer within 8000 ms');
  });
});

describe('server deadlines', () => {
  it('reports a deadline the server set as a timeout, counted and charged to the breaker, unlike the caller leaving', async () => {
    const f = fakeFetch(delayed(60_000));
    const c = guarded(f.fn, { name: 'loki', timeoutMs: 15_000 });
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
    const c = guarded(f.fn);
    const err = await caught(c.request({ path: '/x', deadline: { at: Date.now() - 1, ms: 30_000 } }));
    expect(err.message).toBe('Prometheus did not answer within 30000 ms');
    expect(f.calls).toHaveLength(0);
  });
});

describe('outcomes', () => {
  it('counts what an answer or a failure means for the datasource next to its status', async () => {
    const statuses = [200, 404, 422, 401, 403, 408, 429, 500];
    const expected = ['ok', 'refused', 'refused', 'failure', 'failure', 'failure', 'failure', 'failure'];
    const before = await Promise.all(statuses.map((s, i) => outcomeCount('alertmanager', String(s), expected[i]!)));
    const queue = [...statuses];
    const f = fakeFetch(async () => new Response('x', { status: queue.shift()! }));
    const c = guarded(f.fn, { name: 'alertmanager', retry: { attempts: 1, budgetMs: 0 }, breaker: { failureRate: 1, minRequests: 1_000, windowMs: 30_000, openMs: 10_000 } });
    for (const _ of statuses) await c.request({ path: '/x' });
    expect(await Promise.all(statuses.map((s, i) => outcomeCount('alertmanager', String(s), expected[i]!)))).toEqual(before.map((n) => n + 1));
  });

  it('counts timeouts and refused connections as failures and a caller that left as cancelled', async () => {
    const timeouts = await outcomeCount('loki', 'timeout', 'failure');
    const refusals = await outcomeCount('loki', 'refused', 'failure');
    const cancels = await outcomeCount('loki', 'cancelled', 'cancelled');
    const slow = guarded(fakeFetch(delayed(5_000)).fn, { name: 'loki', retry: { attempts: 1, budgetMs: 0 } });
    const timedOut = caught(slow.request({ path: '/slow' }));
    await vi.advanceTimersByTimeAsync(1_000);
    await timedOut;
    const ac = new AbortController();
    const left = caught(slow.request({ path: '/left', signal: ac.signal }));
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    await left;
    await caught(guarded(fakeFetch(async () => Promise.reject(refused())).fn, { name: 'loki', retry: { attempts: 1, budgetMs: 0 } }).request({ path: '/down' }));
    expect(await outcomeCount('loki', 'timeout', 'failure')).toBe(timeouts + 1);
    expect(await outcomeCount('loki', 'refused', 'failure')).toBe(refusals + 1);
    expect(await outcomeCount('loki', 'cancelled', 'cancelled')).toBe(cancels + 1);
  });

  it('counts gRPC server failures as failures and INVALID_ARGUMENT or NOT_FOUND as refused', async () => {
    const guard = createUpstreamGuard({
      name: 'jaeger', timeoutMs: 1_000, retry: { attempts: 1, budgetMs: 0 },
      breaker: { failureRate: 1, minRequests: 1_000, windowMs: 30_000, openMs: 10_000 }, bulkhead: { maxConcurrent: 4, maxQueue: 2, queueTimeoutMs: 500 },
    });
    const cases: [number | null, string][] = [[0, 'ok'], [3, 'refused'], [5, 'refused'], [13, 'failure'], [14, 'failure'], [null, 'failure']];
    const status = (code: number | null) => `grpc_${code ?? 'none'}`;
    const before = await Promise.all(cases.map(([code, outcome]) => outcomeCount('jaeger', status(code), outcome)));
    for (const [code] of cases) {
      const answer: GrpcAnswer = { httpStatus: 200, grpcStatus: code, grpcMessage: '', body: Buffer.alloc(0) };
      await guard.run({ operation: 'gRPC /x', attributes: {}, headers: {}, readOnly: true, send: async () => answer, judge: judgeGrpc });
    }
    expect(await Promise.all(cases.map(([code, outcome]) => outcomeCount('jaeger', status(code), outcome)))).toEqual(before.map((n) => n + 1));
  });
});
