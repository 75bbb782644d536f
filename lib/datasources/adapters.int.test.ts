import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { fromCompactTrace } from '@/lib/traces/compact-trace';
import { useBackends } from '@/lib/testing/real-backends';
import { freePort } from '@/scripts/backends/index';
import { testHttpClient } from '@/lib/testing/test-http';
import { seedLogs, seedTrace, type SeededTrace } from '@/scripts/fixtures/seed';
import { createAlertmanagerClient } from './alertmanager/client';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { asUnixMs, type Span } from './types';

// Every adapter against the real servers: the ones the test command started, or our own.
let backends: Awaited<ReturnType<typeof useBackends>>;
let seeded: SeededTrace;
const clients = () => ({
  prom: createPrometheusClient({ http: testHttpClient('prometheus', backends.urls.prometheus) }),
  am: createAlertmanagerClient({ http: testHttpClient('alertmanager', backends.urls.alertmanager) }),
  jaeger: createJaegerClient({ http: testHttpClient('jaeger', backends.urls.jaeger) }),
  loki: createLokiClient({ http: testHttpClient('loki', backends.urls.loki) }),
});

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  backends = await useBackends(['prometheus', 'alertmanager', 'jaeger', 'loki']);
  seeded = await seedTrace(backends.urls.jaegerOtlpHttp);
  await seedLogs(backends.urls.loki, seeded, 30);
});
afterAll(async () => backends?.stop());

describe('Prometheus adapter against a real Prometheus', () => {
  it('answers a range query with series in ms and the raised-step notice on huge ranges', async () => {
    const { prom } = clients();
    const r = await eventually(() => prom.queryRange({ query: 'up', start: asUnixMs(Date.now() - 60_000), end: asUnixMs(Date.now()), stepSeconds: 5 }), (x) => x.data.length > 0);
    const now = Date.now();
    expect(r.data[0]!.labels.__name__).toBe('up');
    expect(Math.abs(r.data[0]!.samples.at(-1)!.t - now)).toBeLessThan(60_000);
    const wide = await prom.queryRange({ query: 'up', start: asUnixMs(now - 7 * 86_400_000), end: asUnixMs(now), stepSeconds: 1 });
    expect(wide.notices.map((n) => n.code)).toContain('STEP_RAISED');
  });

  it('refuses an answer past DATASOURCE_MAX_RESPONSE_BYTES with a message that says to ask for less, and reads it under a larger limit', async () => {
    const small = createPrometheusClient({ http: testHttpClient('prometheus', backends.urls.prometheus, { maxResponseBytes: 2_000 }) });
    const now = Date.now();
    // A point at every step whatever Prometheus holds: 601 points, ~15 KB of JSON.
    const q = { query: 'vector(1)', start: asUnixMs(now - 600_000), end: asUnixMs(now), stepSeconds: 1 };
    const whole = await clients().prom.queryRange(q);
    expect(whole.data[0]!.samples).toHaveLength(601);
    const err = await small.queryRange(q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM_TOO_LARGE');
    expect((err as AppError).message).toBe("Prometheus's answer is larger than 2,000 bytes (DATASOURCE_MAX_RESPONSE_BYTES); ask for less: fewer series (label matchers, or aggregate with sum by), a shorter range or a larger step");
  });

  it("reports bad PromQL with Prometheus' own message", async () => {
    const err = await clients().prom.queryInstant('sum(rate(up[5m])').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM_BAD_QUERY');
    expect((err as AppError).message).toMatch(/parse error/);
  });

  it('lists labels and values', async () => {
    const { prom } = clients();
    expect(await prom.labels()).toContain('job');
    expect(await prom.labelValues('job')).toContain('prometheus');
  });
});

describe('Alertmanager adapter against a real Alertmanager', () => {
  it('lists alerts and silences (possibly none) in the neutral shape', async () => {
    const { am } = clients();
    expect(Array.isArray(await am.alerts())).toBe(true);
    expect(Array.isArray(await am.silences())).toBe(true);
  });
});

describe('Jaeger adapter against a real Jaeger', () => {
  it('finds the seeded trace and reads it with its orphan and clock-skew warnings', async () => {
    const { jaeger } = clients();
    const found = await eventually(
      () => jaeger.searchTraces({ service: 'api-gateway', start: asUnixMs(seeded.startMs - 60_000), end: asUnixMs(Date.now() + 60_000), limit: 50 }).then((r) => r.data),
      (rows) => rows.some((r) => r.traceId === seeded.traceId),
    );
    expect(found.find((r) => r.traceId === seeded.traceId)).toMatchObject({ rootService: 'api-gateway', spanCount: 5 });
    const t = await jaeger.getTrace(seeded.traceId);
    expect(t.spans.find((s) => s.operation === 'fraud-check')!.warnings.some((w) => w.startsWith('parent span'))).toBe(true);
    expect(t.spans.find((s) => s.operation === 'POST /reserve')!.warnings.some((w) => w.startsWith('clock skew'))).toBe(true);
    expect(await jaeger.services()).toEqual(expect.arrayContaining(['api-gateway', 'payment']));
  });

  it('reads the seeded trace through API v3 into the trace view format, equal in what the view shows', async () => {
    const { jaeger } = clients();
    const v1 = await jaeger.getTrace(seeded.traceId, { raw: true });
    const view = fromCompactTrace(await jaeger.getCompactTrace(seeded.traceId, { raw: true }));
    const pick = (s: Span) => ({ id: s.spanId, parent: s.parentSpanId, op: s.operation, service: s.service, kind: s.kind, start: s.startMicros, duration: s.durationMicros, error: s.error, warnings: s.warnings });
    expect(view.spans.map(pick)).toEqual(v1.spans.map(pick));
    expect(view.spans.find((s) => s.operation === 'fraud-check')!.links).toContainEqual({ traceId: seeded.traceId, spanId: seeded.paymentSpanId, type: 'follows_from' });
    expect(view.warnings).toEqual(['1 span whose parent is not in the trace']);
  });

  it('reads the same trace over API v3 gRPC (protobuf) as over its HTTP JSON, and maps gRPC failures', async () => {
    const { jaeger } = clients();
    const grpc = (url: string) => createJaegerClient({ http: testHttpClient('jaeger', backends.urls.jaeger), grpc: { url, headers: {}, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } });
    // Ingestion is asynchronous: wait until the trace is readable at all.
    const overGrpc = await eventually(() => grpc(backends.urls.jaegerGrpc).getCompactTrace(seeded.traceId, { raw: true }).catch(() => null), (t) => t !== null);
    // Compared decoded: Jaeger's order of resources varies between reads, and with it the string table's order.
    const decoded = fromCompactTrace(overGrpc!);
    expect(decoded).toEqual(fromCompactTrace(await jaeger.getCompactTrace(seeded.traceId, { raw: true })));
    const missing = await grpc(backends.urls.jaegerGrpc).getCompactTrace('00000000000000000000000000c0ffee').catch((e: unknown) => e);
    expect((missing as AppError).status).toBe(404);
    // Nothing on the gRPC port: the view is read over HTTP instead; with HTTP down too, Jaeger is unavailable.
    const noGrpc = `http://127.0.0.1:${await freePort()}`;
    expect(fromCompactTrace(await grpc(noGrpc).getCompactTrace(seeded.traceId, { raw: true }))).toEqual(decoded);
    const deadHttp = createJaegerClient({ http: testHttpClient('jaeger', `http://127.0.0.1:${await freePort()}`), grpc: { url: noGrpc, headers: {}, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } });
    const down = await deadHttp.getCompactTrace(seeded.traceId).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(AppError);
    expect((down as AppError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((down as AppError).message).toContain('Jaeger is unavailable');
  });

  it('answers an unknown trace with NOT_FOUND naming it, through either API', async () => {
    for (const read of [clients().jaeger.getTrace, clients().jaeger.getCompactTrace]) {
      const err = await read('00000000000000000000000000c0ffee').catch((e: unknown) => e);
      expect((err as AppError).status).toBe(404);
      expect((err as AppError).message).toContain('00000000000000000000000000c0ffee');
    }
  });
});

describe('Loki adapter against a real Loki', () => {
  it('reads the seeded logs with trace IDs, levels and correlation IDs as fields', async () => {
    const { loki } = clients();
    const q = { query: `{service_name="payment"} | trace_id="${seeded.traceId}"`, start: asUnixMs(seeded.startMs - 60_000), end: asUnixMs(Date.now() + 60_000), limit: 100 };
    const r = await eventually(() => loki.queryLogs(q), (x) => x.data.length >= 2);
    expect(r.data.map((e) => e.level).sort()).toEqual(['error', 'warn']);
    expect(r.data.every((e) => e.traceId === seeded.traceId && e.fields.correlation_id === seeded.correlationId)).toBe(true);
  });

  it('pages across a small entry cap and says when it capped', async () => {
    const loki = createLokiClient({ http: testHttpClient('loki', backends.urls.loki), serverCap: 7 });
    const q = { query: '{service_name="cart"}', start: asUnixMs(seeded.startMs - 60_000), end: asUnixMs(Date.now() + 60_000) };
    const all = await eventually(() => loki.queryLogs({ ...q, limit: 1_000 }), (x) => x.data.length >= 30);
    expect(all.data.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.data.map((e) => e.line)).size).toBe(all.data.length);
    const capped = await loki.queryLogs({ ...q, limit: 10 });
    expect(capped.data).toHaveLength(10);
    expect(capped.notices.map((n) => n.code)).toContain('ENTRIES_CAPPED');
  });

  it("reports a LogQL parse error with Loki's message", async () => {
    const err = await clients().loki.queryLogs({ query: '{service_name=', start: asUnixMs(Date.now() - 60_000), end: asUnixMs(Date.now()), limit: 10 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('UPSTREAM_BAD_QUERY');
    expect((err as AppError).message).toMatch(/parse error/);
  });
});
