import { describe, expect, it, vi } from 'vitest';
import { metrics } from '@/lib/observability/metrics';
import { caught, delayed, fakeFetch, refused } from './fake-fetch';
import { GUARDED_MAX_BYTES, guarded, outcomeCount, withFakeClock } from './test-guard';

// The guard's limits on a datasource in trouble: the circuit breaker and the bulkhead. Driven with
// HTTP answers from a fake fetch.

withFakeClock();

describe('circuit breaker', () => {
  it('opens after the failure threshold, fails fast, then a half-open probe closes it', async () => {
    let up = false;
    const f = fakeFetch(async () => (up ? new Response('{}') : Promise.reject(refused())));
    const c = guarded(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
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

  it('never opens for answers too large to read: each fails at once with UPSTREAM_TOO_LARGE, counted refused, not retried', async () => {
    const f = fakeFetch(async () => new Response('x'.repeat(GUARDED_MAX_BYTES + 1)));
    const c = guarded(f.fn, { name: 'loki' });
    const before = await outcomeCount('loki', 'too_large', 'refused');
    for (let i = 0; i < 8; i++) {
      const err = await caught(c.request({ path: `/big${i}` }));
      expect(err.code).toBe('UPSTREAM_TOO_LARGE');
      expect(err.status).toBe(422);
      expect(err.message).toBe("Loki's answer is larger than 1,000,000 bytes (DATASOURCE_MAX_RESPONSE_BYTES); ask for less: a narrower stream selector, a line filter, fewer series or a shorter range");
      expect(err.details).toEqual({ datasource: 'loki', limitBytes: GUARDED_MAX_BYTES });
    }
    expect(f.calls).toHaveLength(8);
    expect(c.breakerState()).toBe('closed');
    expect(await outcomeCount('loki', 'too_large', 'refused')).toBe(before + 8);
  });

  it('stays closed below the minimum request count', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const c = guarded(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 4; i++) await caught(c.request({ path: `/x${i}` }));
    expect(c.breakerState()).toBe('closed');
  });

  it('reports half-open on the breaker gauge when the open period ends, without a request asking', async () => {
    const f = fakeFetch(async () => Promise.reject(refused()));
    const c = guarded(f.fn, { name: 'alertmanager', retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 5; i++) await caught(c.request({ path: `/x${i}` }));
    const gauge = async () => (await metrics().breakerState.get()).values.find((v) => v.labels.datasource === 'alertmanager')?.value;
    expect(await gauge()).toBe(2); // open
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await gauge()).toBe(1); // half-open, though nothing asked for the state
  });

  it('re-opens when the probe fails', async () => {
    const f = fakeFetch(async () => new Response('down', { status: 500 }));
    const c = guarded(f.fn, { retry: { attempts: 1, budgetMs: 0 } });
    for (let i = 0; i < 5; i++) await c.request({ path: `/x${i}` });
    await vi.advanceTimersByTimeAsync(10_000);
    await c.request({ path: '/probe' });
    expect(c.breakerState()).toBe('open');
  });
});

describe('bulkhead', () => {
  it('queues past the concurrency limit and rejects past the queue with 503', async () => {
    const f = fakeFetch(delayed(300));
    const c = guarded(f.fn, { bulkhead: { maxConcurrent: 2, maxQueue: 1, queueTimeoutMs: 1_000 } });
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
    const c = guarded(f.fn, { bulkhead: { maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 200 } });
    const first = c.request({ path: '/a' });
    const second = caught(c.request({ path: '/b' }));
    await vi.advanceTimersByTimeAsync(200);
    expect((await second).message).toContain('no connection became free within 200 ms');
    await vi.advanceTimersByTimeAsync(700);
    await first;
  });
});
