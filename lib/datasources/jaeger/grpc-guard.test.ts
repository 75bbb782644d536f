import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { loadFixture } from '@/lib/testing/fixtures';
import { testHttpClient } from '@/lib/testing/test-http';
import { metrics } from '@/lib/observability/metrics';
import { createJaegerClient } from './client';

// Whole traces over Jaeger's gRPC API v3 go through the same guard as HTTP calls: a span, the
// upstream metrics, trace context and x-request-id upstream, and Jaeger's breaker.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

const fixture = loadFixture('jaeger', 'trace-otlp-grpc');
const traceId = (fixture.request as { grpc?: { traceId: string } }).grpc!.traceId;
const messages = (fixture.body as { messages: string[] }).messages.map((m) => Buffer.from(m, 'base64'));

/** A gRPC server answering GetTrace with the captured messages, or UNAVAILABLE while `down`. */
let server: http2.Http2Server;
let grpcUrl: string;
let down = false;
const received: http2.IncomingHttpHeaders[] = [];
beforeAll(async () => {
  server = http2.createServer();
  server.on('stream', (stream, headers) => {
    received.push(headers);
    stream.on('data', () => {});
    stream.on('end', () => {
      if (down) return void stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '14', 'grpc-message': 'storage down' }, { endStream: true });
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      for (const m of messages) {
        const framed = Buffer.alloc(5 + m.length);
        framed.writeUInt32BE(m.length, 1);
        m.copy(framed, 5);
        stream.write(framed);
      }
      stream.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  grpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await provider.shutdown();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const countedOutcome = async (outcome: string) =>
  (await metrics().upstreamRequests.get()).values.filter((v) => v.labels.datasource === 'jaeger' && v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0);

/** Jaeger's HTTP API v3 answering every whole-trace read with the captured trace, and the URLs asked for. */
function v3Fallback() {
  const urls: string[] = [];
  const body = JSON.stringify(loadFixture('jaeger', 'trace-otlp').body);
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input));
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

const counted = async (status: string) => (await metrics().upstreamRequests.get()).values.find((v) => v.labels.datasource === 'jaeger' && v.labels.status === status)?.value ?? 0;

describe('Jaeger gRPC GetTrace', () => {
  it('is spanned and counted like an HTTP call, and sends trace context and the request id', async () => {
    const http = testHttpClient('jaeger', 'http://127.0.0.1:9', {});
    const jaeger = createJaegerClient({ http, grpc: { url: grpcUrl, headers: { authorization: 'Bearer t' }, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } });
    const before = await counted('grpc_0');
    const trace = await jaeger.getCompactTrace(traceId, { raw: true, requestId: 'req-7' });
    expect(trace.spanIds).toHaveLength(5);
    expect(await counted('grpc_0')).toBe(before + 1);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'jaeger gRPC /jaeger.api_v3.QueryService/GetTrace');
    expect(span?.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.grpc.status_code': 0, 'url.full': `${grpcUrl}/jaeger.api_v3.QueryService/GetTrace`, 'sightline.datasource': 'jaeger' });
    const sent = received.at(-1)!;
    expect(sent['x-request-id']).toBe('req-7');
    expect(sent.authorization).toBe('Bearer t');
    expect(sent.traceparent).toContain(span!.spanContext().spanId);
  });

  it('fails fast, without a connection, while Jaeger’s breaker is open', async () => {
    const http = testHttpClient('jaeger', 'http://127.0.0.1:9', { breaker: { failureRate: 0.5, minRequests: 2, windowMs: 30_000, openMs: 10_000 } });
    // Two refused HTTP calls open the breaker Jaeger's gRPC calls share.
    for (let i = 0; i < 2; i++) await createJaegerClient({ http }).services().catch(() => null);
    expect(http.breakerState()).toBe('open');
    const calls = received.length;
    exporter.reset();
    const err = await createJaegerClient({ http, grpc: { url: grpcUrl, headers: {}, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } }).getCompactTrace(traceId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Jaeger is unavailable (circuit open after 2 failures); retrying in 10s');
    expect(received.length).toBe(calls);
    // Refused by the breaker on the gRPC path itself, with no fall back to HTTP (which the breaker would refuse too).
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['jaeger gRPC /jaeger.api_v3.QueryService/GetTrace']);
  });

  it('counts an UNAVAILABLE answer as a failure on Jaeger’s books', async () => {
    // A reachable HTTP API: were UNAVAILABLE taken for a wrong endpoint, the trace would be read from it.
    const fallback = v3Fallback();
    const http = testHttpClient('jaeger', 'http://jaeger.test', { fetch: fallback.fetch, breaker: { failureRate: 0.5, minRequests: 1, windowMs: 30_000, openMs: 10_000 } });
    const before = await counted('grpc_14');
    const failures = await countedOutcome('failure');
    down = true;
    let err: unknown;
    try {
      err = await createJaegerClient({ http, grpc: { url: grpcUrl, headers: {}, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } }).getCompactTrace(traceId).catch((e: unknown) => e);
    } finally {
      down = false;
    }
    expect(await counted('grpc_14')).toBe(before + 1);
    expect(await countedOutcome('failure')).toBe(failures + 1);
    expect(http.breakerState()).toBe('open');
    // Jaeger's own answer, not a fall back to HTTP (which would charge the breaker a second time).
    expect((err as AppError).message).toBe('Jaeger is unavailable: storage down');
    expect(fallback.urls).toEqual([]);
  });

  it('keeps reading over gRPC after a reachable Jaeger answered UNAVAILABLE: it is an outage, not a wrong endpoint', async () => {
    const fallback = v3Fallback();
    const jaeger = createJaegerClient({ http: testHttpClient('jaeger', 'http://jaeger.test', { fetch: fallback.fetch }), grpc: { url: grpcUrl, headers: {}, timeoutMs: 5_000, maxResponseBytes: 64 << 20 } });
    const calls = received.length;
    down = true;
    let err: unknown;
    try {
      err = await jaeger.getCompactTrace(traceId).catch((e: unknown) => e);
    } finally {
      down = false;
    }
    expect((err as AppError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await jaeger.getCompactTrace(traceId)).spanIds).toHaveLength(5);
    expect(received.length).toBe(calls + 2); // both over gRPC
    expect(fallback.urls).toEqual([]);
  });

  it('refuses a trace larger than the answer limit: UPSTREAM_TOO_LARGE, counted refused, no fall back to the bigger JSON', async () => {
    const fallback = v3Fallback();
    // A breaker that opens on one failure: the refused answer must not count as one.
    const http = testHttpClient('jaeger', 'http://jaeger.test', { fetch: fallback.fetch, breaker: { failureRate: 0.5, minRequests: 1, windowMs: 30_000, openMs: 10_000 } });
    const jaeger = createJaegerClient({ http, grpc: { url: grpcUrl, headers: {}, timeoutMs: 5_000, maxResponseBytes: 100 } });
    const before = await countedOutcome('refused');
    const err = await jaeger.getCompactTrace(traceId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM_TOO_LARGE');
    expect((err as AppError).message).toBe("Jaeger's answer is larger than 100 bytes (DATASOURCE_MAX_RESPONSE_BYTES); a trace or search this large cannot be shown here; narrow the search, or raise the limit");
    expect(await countedOutcome('refused')).toBe(before + 1);
    expect(http.breakerState()).toBe('closed');
    expect(fallback.urls).toEqual([]);
  });
});
