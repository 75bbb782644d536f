import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metrics } from '@/lib/observability/metrics';
import { testHttpClient } from '@/lib/testing/test-http';
import type { DatasourceName } from './types';

/** Every datasource answers at once, except Loki, which hangs; Alertmanager's connection fails with its URL (and password) in the error. */
const hang = (_: unknown, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
const answers: Record<DatasourceName, typeof fetch> = {
  prometheus: (async () => new Response('Prometheus Server is Ready.')) as typeof fetch,
  alertmanager: (async (input: string | URL | Request) => {
    throw new TypeError(`could not connect to ${String(input)}`);
  }) as typeof fetch,
  jaeger: (async () => Response.json({ data: ['cart'], errors: null })) as typeof fetch,
  loki: hang as typeof fetch,
};
const clients = new Map<DatasourceName, ReturnType<typeof testHttpClient>>();
vi.mock('./registry', () => ({
  httpClientFor: (name: DatasourceName) => {
    if (!clients.has(name)) {
      clients.set(name, testHttpClient(name, `http://ops:hunter2@${name}.test`, { fetch: answers[name], timeoutMs: 15_000, breaker: { failureRate: 0.5, minRequests: 3, windowMs: 60_000, openMs: 30_000 } }));
    }
    return clients.get(name)!;
  },
}));
vi.mock('@/lib/env', () => ({ env: () => ({ JAEGER_HEADERS: {}, LOKI_MAX_ENTRIES: 5_000 }) }));
const { checkDatasources, HEALTH_TIMEOUT_MS } = await import('./health');

const lokiCount = async (status: string) => (await metrics().upstreamRequests.get()).values.find((v) => v.labels.datasource === 'loki' && v.labels.status === status)?.value ?? 0;

const g = globalThis as Record<string, unknown>;
beforeEach(() => {
  vi.useFakeTimers();
  // Fresh clients (breakers) for each test, built under this test's clock.
  clients.clear();
  for (const key of ['__sightlinePrometheus', '__sightlineAlertmanager', '__sightlineJaeger', '__sightlineLoki']) delete g[key];
});
afterEach(() => vi.useRealTimers());

describe('checkDatasources', () => {
  it('reports a datasource that does not answer within the probe deadline as a timeout, a failure on its breaker', async () => {
    const timeouts = await lokiCount('timeout');
    for (let i = 1; i <= 3; i++) {
      const pending = checkDatasources(`req-${i}`, new AbortController().signal);
      await vi.advanceTimersByTimeAsync(HEALTH_TIMEOUT_MS);
      const loki = (await pending).find((d) => d.name === 'loki')!;
      expect(loki).toMatchObject({ ok: false, message: 'Loki did not answer within 2000 ms' });
      expect(await lokiCount('timeout')).toBe(timeouts + i);
      expect(loki.breaker).toBe(i < 3 ? 'closed' : 'open');
    }
  });

  it('reports a probe the caller abandoned as cancelled, which does not count against the datasource', async () => {
    const cancelled = await lokiCount('cancelled');
    const caller = new AbortController();
    const pending = checkDatasources('req-gone', caller.signal);
    await vi.advanceTimersByTimeAsync(100);
    caller.abort();
    const loki = (await pending).find((d) => d.name === 'loki')!;
    expect(loki).toMatchObject({ ok: false, message: 'the request to Loki was cancelled', breaker: 'closed' });
    expect(await lokiCount('cancelled')).toBe(cancelled + 1);
  });

  it('keeps the userinfo of a datasource URL out of its messages', async () => {
    const pending = checkDatasources('req-url', new AbortController().signal);
    await vi.advanceTimersByTimeAsync(HEALTH_TIMEOUT_MS);
    const health = await pending;
    expect(health.find((d) => d.name === 'alertmanager')!.message).toBe('Alertmanager request failed (could not connect to http://alertmanager.test/-/ready)');
    expect(JSON.stringify(health)).not.toContain('hunter2');
    expect(health.filter((d) => d.ok).map((d) => d.name)).toEqual(['prometheus', 'jaeger']);
  });
});
