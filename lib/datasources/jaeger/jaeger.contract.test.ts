import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { fixtureHttp, listFixtures, loadFixture } from '@/lib/testing/fixtures';
import { fromCompactTrace } from '@/lib/traces/compact-trace';
import { asUnixMs, type KeyValue, type Span } from '../types';
import { createJaegerClient } from './client';
import { toCompactTraceFromOtlpProto } from './otlp-proto';
import { ProtoError } from './protobuf-reader';

const jaeger = (name: string) => {
  const f = fixtureHttp('jaeger', name);
  return { client: createJaegerClient({ http: f.http }), ...f };
};

describe('Jaeger fixtures (captured from a real server)', () => {
  it('has a contract test for every captured fixture', () => {
    expect(listFixtures('jaeger')).toEqual(['dependencies', 'operations', 'services', 'trace', 'trace-not-found-404', 'trace-otlp', 'trace-otlp-grpc', 'trace-otlp-not-found-404', 'traces-search']);
  });

  it('lists services and operations', async () => {
    expect(await jaeger('services').client.services()).toEqual(expect.arrayContaining(['api-gateway', 'payment']));
    expect(await jaeger('operations').client.operations('api-gateway')).toContain('POST /api/checkout');
  });

  it('converts a trace: services, parent links, µs units, events and errors', async () => {
    const t = await jaeger('trace').client.getTrace('x');
    expect(t.services).toEqual(['api-gateway', 'checkout', 'inventory', 'payment']);
    const root = t.spans.find((s) => s.parentSpanId === null)!;
    expect(root).toMatchObject({ service: 'api-gateway', operation: 'POST /api/checkout', kind: 'server', error: true });
    expect(t.startMicros).toBeGreaterThan(1.6e15); // microseconds since the epoch
    expect(t.durationMicros).toBe(120_000);
    const payment = t.spans.find((s) => s.operation === 'POST /payments')!;
    expect(payment.events[0]!.t).toBe(Math.floor(payment.events[0]!.timeMicros / 1000));
    expect(payment.resource).toContainEqual({ key: 'service.version', value: '1.4.2' });
  });

  it('keeps an orphan span and says its parent is missing', async () => {
    const t = await jaeger('trace').client.getTrace('x');
    const orphan = t.spans.find((s) => s.operation === 'fraud-check')!;
    expect(orphan.warnings).toContain(`parent span ${orphan.parentSpanId} not in trace`);
    expect(t.warnings).toContain('1 span whose parent is not in the trace');
  });

  it('flags a child that starts before its parent as clock skew', async () => {
    const t = await jaeger('trace').client.getTrace('x');
    const reserve = t.spans.find((s) => s.operation === 'POST /reserve')!;
    expect(reserve.warnings).toContain('clock skew: starts 3000 µs before its parent');
  });

  it('asks Jaeger for the raw trace (no adjusters) only when told to', async () => {
    const { client, urls } = jaeger('trace');
    await client.getTrace('abc');
    await client.getTrace('abc', { raw: true });
    expect(urls[0]).not.toContain('raw=');
    expect(urls[1]).toContain('/api/traces/abc?raw=true');
  });

  it('answers an unknown trace ID with NOT_FOUND naming the ID', async () => {
    const err = await jaeger('trace-not-found-404').client.getTrace('0000000000000000000000000000beef').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
    expect((err as AppError).message).toBe('Trace "0000000000000000000000000000beef" was not found');
  });

  it('reads the same trace through API v3 (OTLP) as through the internal API: spans, parents, times, kinds, errors, events, resource', async () => {
    const v1 = await jaeger('trace').client.getTrace('x');
    const view = fromCompactTrace(await jaeger('trace-otlp').client.getCompactTrace('x', { raw: true }));
    // The internal API adds the kind and error flags as tags; the view carries them as fields.
    const JAEGER_ONLY = new Set(['span.kind', 'error', 'internal.span.format']);
    const attrs = (kvs: KeyValue[]) => kvs.filter((kv) => !JAEGER_ONLY.has(kv.key)).map((kv) => `${kv.key}=${String(kv.value)}`).sort();
    const pick = (s: Span) => ({
      id: s.spanId, parent: s.parentSpanId, op: s.operation, service: s.service, kind: s.kind, start: s.startMicros, duration: s.durationMicros,
      error: s.error, attributes: attrs(s.attributes), resource: s.resource, events: s.events.map((e) => ({ at: e.timeMicros, fields: attrs(e.fields) })),
    });
    const byId = (spans: Span[]) => [...spans].sort((a, b) => a.spanId.localeCompare(b.spanId)).map(pick);
    expect(byId(view.spans)).toEqual(byId(v1.spans));
    expect(view.spans).toHaveLength(5);
    expect(view.services).toEqual(v1.services);
    expect(view.durationMicros).toBe(v1.durationMicros);
    const root = view.spans.find((s) => s.parentSpanId === null)!;
    expect(root.attributes).toContainEqual({ key: 'http.response.status_code', value: 502 });
    expect(root.attributes).toContainEqual({ key: 'otel.status_description', value: 'card declined' });
    const payment = view.spans.find((s) => s.operation === 'POST /payments')!;
    expect(view.spans.find((s) => s.operation === 'fraud-check')!.links).toContainEqual({ traceId: view.traceId, spanId: payment.spanId, type: 'follows_from' });
  });

  it('flags the orphan and the clock skew in a trace read through API v3', async () => {
    const view = fromCompactTrace(await jaeger('trace-otlp').client.getCompactTrace('x', { raw: true }));
    const orphan = view.spans.find((s) => s.operation === 'fraud-check')!;
    expect(orphan.warnings).toEqual([`parent span ${orphan.parentSpanId} not in trace`]);
    expect(view.spans.find((s) => s.operation === 'POST /reserve')!.warnings).toEqual(['clock skew: starts 3000 µs before its parent']);
    expect(view.warnings).toEqual(['1 span whose parent is not in the trace']);
  });

  it('asks API v3 for the raw trace only when told to, and answers an unknown ID with NOT_FOUND', async () => {
    const { client, urls } = jaeger('trace-otlp');
    await client.getCompactTrace('abc');
    await client.getCompactTrace('abc', { raw: true });
    expect(urls[0]).toMatch(/\/api\/v3\/traces\/abc$/);
    expect(urls[1]).toContain('/api/v3/traces/abc?raw_traces=true');
    const err = await jaeger('trace-otlp-not-found-404').client.getCompactTrace('0000000000000000000000000000beef').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Trace "0000000000000000000000000000beef" was not found');
  });

  it('decodes the same trace from API v3 gRPC (protobuf) exactly as from its JSON', async () => {
    const grpc = loadFixture('jaeger', 'trace-otlp-grpc');
    const { messages, traceId } = { messages: (grpc.body as { messages: string[] }).messages.map((m) => Buffer.from(m, 'base64')), traceId: (grpc.request as { grpc?: { traceId: string } }).grpc!.traceId };
    const fromJson = await jaeger('trace-otlp').client.getCompactTrace(traceId, { raw: true });
    const fromProto = toCompactTraceFromOtlpProto(messages, traceId);
    expect(fromProto).toEqual(fromJson);
    expect(fromProto.spanIds).toHaveLength(5);
  });

  it('rejects a truncated protobuf answer instead of showing part of a trace', () => {
    const grpc = loadFixture('jaeger', 'trace-otlp-grpc');
    const whole = Buffer.from((grpc.body as { messages: string[] }).messages[0]!, 'base64');
    expect(() => toCompactTraceFromOtlpProto([whole.subarray(0, whole.length - 7)], 'x')).toThrow(ProtoError);
  });

  it('summarises search results and sends µs times, Go durations and JSON tags', async () => {
    const { client, urls } = jaeger('traces-search');
    const { data: rows } = await client.searchTraces({
      service: 'api-gateway',
      tags: { error: 'true' },
      start: asUnixMs(1_700_000_000_000),
      end: asUnixMs(1_700_000_060_000),
      minDuration: '100ms',
      limit: 5,
    });
    expect(urls[0]).toContain('start=1700000000000000&end=1700000060000000&minDuration=100ms&limit=5');
    expect(urls[0]).toContain(`tags=${encodeURIComponent('{"error":"true"}')}`);
    const wire = loadFixture('jaeger', 'traces-search').body as { data: unknown[] };
    expect(rows).toHaveLength(wire.data.length);
    const row = rows.find((r) => r.spanCount === 5)!;
    expect(row).toMatchObject({ rootService: 'api-gateway', rootOperation: 'POST /api/checkout', errorCount: 2 });
    expect(row.services.map((s) => s.name)).toEqual(['api-gateway', 'checkout', 'inventory', 'payment']);
  });

  it('reads dependency links', async () => {
    const { client, urls } = jaeger('dependencies');
    const deps = await client.dependencies(asUnixMs(1_700_000_000_000), 3_600_000);
    expect(deps).toContainEqual({ parent: 'checkout', child: 'payment', callCount: expect.any(Number) });
    expect(urls[0]).toContain('endTs=1700000000000&lookback=3600000');
  });
});
