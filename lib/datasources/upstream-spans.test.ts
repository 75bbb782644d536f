import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { testHttpClient } from '@/lib/testing/test-http';
import type { DatasourceName } from './types';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';

// Sightline's own spans, as an operator reads them in Jaeger: one operation per endpoint, and no
// credentials from a datasource URL such as PROMETHEUS_URL=http://ann:s3cret@prom.test.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const SECRET = 's3cret';
const answering = (body: unknown) => {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), headers: (init?.headers ?? {}) as Record<string, string> });
    return Response.json(body);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
};
const http = (name: DatasourceName, fetch: typeof globalThis.fetch) => testHttpClient(name, `http://ann:${SECRET}@${name}.test`, { fetch });
const spans = () => exporter.getFinishedSpans().map((s) => ({ name: s.name, url: s.attributes['url.full'], text: JSON.stringify({ name: s.name, attributes: s.attributes, events: s.events, status: s.status }) }));

describe('upstream spans', () => {
  it('are named by the endpoint’s path template, with the concrete URL, without its userinfo, in url.full', async () => {
    const prom = answering({ status: 'success', data: ['api'] });
    await createPrometheusClient({ http: http('prometheus', prom.fetch) }).labelValues('job');
    const jaeger = answering({ data: ['GET /cart'], errors: null });
    await createJaegerClient({ http: http('jaeger', jaeger.fetch) }).operations('cart/v2');
    const loki = answering({ status: 'success', data: ['cart'] });
    await createLokiClient({ http: http('loki', loki.fetch) }).labelValues('service_name');

    expect(spans().map(({ name, url }) => ({ name, url }))).toEqual([
      { name: 'prometheus GET /api/v1/label/{name}/values', url: 'http://prometheus.test/api/v1/label/job/values' },
      { name: 'jaeger GET /api/services/{service}/operations', url: 'http://jaeger.test/api/services/cart%2Fv2/operations' },
      { name: 'loki GET /loki/api/v1/label/{name}/values', url: 'http://loki.test/loki/api/v1/label/service_name/values' },
    ]);
    // The credentials still reach the upstream (node:http turns them into Basic auth); they are only kept out of what Sightline reports.
    expect(prom.seen[0]!.url).toBe(`http://ann:${SECRET}@prometheus.test/api/v1/label/job/values`);
    expect(prom.seen[0]!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(spans().some((s) => s.text.includes(SECRET))).toBe(false);
  });

  it('name a trace read by its template, not its id, so each trace is not an operation of its own', async () => {
    const { fetch } = answering({ data: [], errors: null });
    const jaeger = createJaegerClient({ http: http('jaeger', fetch) });
    await jaeger.getTrace('0af7651916cd43dd8448eb211c80319c').catch(() => null);
    await jaeger.getTrace('4bf92f3577b34da6a3ce929d0e0e4736').catch(() => null);
    expect(new Set(spans().map((s) => s.name))).toEqual(new Set(['jaeger GET /api/traces/{traceId}']));
  });

  it('keep the userinfo out of error messages and the recorded exception', async () => {
    const fetch = (async (input: string | URL | Request) => {
      throw new TypeError(`could not reach ${String(input)}`);
    }) as typeof globalThis.fetch;
    const err = await createPrometheusClient({ http: http('prometheus', fetch) }).labels().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Prometheus request failed (could not reach http://prometheus.test/api/v1/labels)');
    expect(spans()[0]!.text).toContain('could not reach http://prometheus.test/api/v1/labels');
    expect(spans()[0]!.text).not.toContain(SECRET);
  });
});
