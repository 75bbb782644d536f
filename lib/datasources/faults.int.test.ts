import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { startDelayProxy, type DelayProxy } from '@/lib/testing/delay-proxy';
import { startOwnBackends, useBackends } from '@/lib/testing/real-backends';
import { testHttpClient } from '@/lib/testing/test-http';
import { freePort, type RunningBackends } from '@/scripts/backends/index';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';

// Faults on real processes: our own Prometheus (stopped and restarted), Loki behind a delaying
// proxy, and Jaeger untouched to show the other datasources keep answering as before.
const BREAKER = { failureRate: 0.5, minRequests: 3, windowMs: 30_000, openMs: 2_000 };
const LOKI_TIMEOUT_MS = 1_000;

let promDir: string;
let promPort: number;
let prom: RunningBackends | null = null;
let others: Awaited<ReturnType<typeof useBackends>>;
let proxy: DelayProxy;
let promHttp: ReturnType<typeof testHttpClient>;

const elapsed = async <T>(fn: () => Promise<T>): Promise<{ ms: number; value: T | AppError }> => {
  const t0 = performance.now();
  const value = await fn().catch((e: unknown) => {
    if (e instanceof AppError) return e;
    throw e;
  });
  return { ms: performance.now() - t0, value };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let jaegerBaselineMs: number;
const jaeger = () => createJaegerClient({ http: testHttpClient('jaeger', others.urls.jaeger) });
async function jaegerMedianMs(): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const r = await elapsed(() => jaeger().services());
    expect(r.value).not.toBeInstanceOf(AppError);
    xs.push(r.ms);
  }
  return median(xs);
}

beforeAll(async () => {
  promDir = await mkdtemp(path.join(os.tmpdir(), 'sightline-fault-'));
  promPort = await freePort();
  prom = await startOwnBackends(['prometheus'], promDir, { prometheus: promPort });
  others = await useBackends(['jaeger', 'loki']);
  proxy = await startDelayProxy(others.urls.loki);
  promHttp = testHttpClient('prometheus', prom.urls.prometheus, { breaker: BREAKER, timeoutMs: 2_000 });
  jaegerBaselineMs = await jaegerMedianMs();
});
afterAll(async () => {
  await proxy?.close();
  await prom?.stop();
  await others?.stop();
  await rm(promDir, { recursive: true, force: true });
});

describe('a stopped backend', () => {
  it('opens its breaker after the threshold, then fails fast with 503 naming it', async () => {
    const client = createPrometheusClient({ http: promHttp });
    expect((await client.queryInstant('vector(1)')).data[0]!.samples[0]!.value).toBe(1);
    await prom!.stop();
    prom = null;
    // The window holds one success, so the failure rate crosses 50% at the third outcome.
    const first = await elapsed(() => client.labels());
    expect((first.value as AppError).message).toMatch(/^Prometheus is unavailable \(ECONNREFUSED\)/);
    expect(promHttp.breakerState()).toBe('closed');
    await elapsed(() => client.labels());
    expect(promHttp.breakerState()).toBe('open');
    const fast = await elapsed(() => client.labels());
    expect((fast.value as AppError).status).toBe(503);
    expect((fast.value as AppError).message).toMatch(/^Prometheus is unavailable \(circuit open after 2 failures\); retrying in 2s$/);
    expect(fast.ms).toBeLessThan(50); // no connection attempt at all
  });

  it('leaves the other datasources answering as fast as before', async () => {
    expect(await jaegerMedianMs()).toBeLessThan(jaegerBaselineMs * 3 + 50);
  });

  it('closes the breaker through a half-open probe once the backend is back', async () => {
    prom = await startOwnBackends(['prometheus'], promDir, { prometheus: promPort });
    await new Promise((r) => setTimeout(r, BREAKER.openMs));
    expect(promHttp.breakerState()).toBe('half_open');
    const r = await createPrometheusClient({ http: promHttp }).queryInstant('vector(1)');
    expect(r.data[0]!.samples[0]!.value).toBe(1);
    expect(promHttp.breakerState()).toBe('closed');
  });
});

describe('a slow backend', () => {
  it('times out within the configured budget with a message naming it', async () => {
    const loki = createLokiClient({ http: testHttpClient('loki', proxy.url, { timeoutMs: LOKI_TIMEOUT_MS }) });
    expect(await loki.labels()).toBeInstanceOf(Array);
    proxy.setDelay(5_000);
    const r = await elapsed(() => loki.labels());
    proxy.setDelay(0);
    expect((r.value as AppError).code).toBe('UPSTREAM_TIMEOUT');
    expect((r.value as AppError).message).toBe(`Loki did not answer within ${LOKI_TIMEOUT_MS} ms`);
    expect(r.ms).toBeGreaterThanOrEqual(LOKI_TIMEOUT_MS - 5);
    expect(r.ms).toBeLessThan(LOKI_TIMEOUT_MS + 500);
  });

  it('does not slow the other datasources while it hangs', async () => {
    const loki = createLokiClient({ http: testHttpClient('loki', proxy.url, { timeoutMs: 10_000 }) });
    proxy.setDelay(3_000);
    const hanging = Promise.all(Array.from({ length: 5 }, () => loki.labels().catch(() => null)));
    const during = await jaegerMedianMs();
    proxy.setDelay(0);
    await hanging;
    expect(during).toBeLessThan(jaegerBaselineMs * 3 + 50);
  });
});
