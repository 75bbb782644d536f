import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { nameRequestSpan } from './request-span';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager().enable();
context.setGlobalContextManager(contextManager);
const tracer = provider.getTracer('test');
afterAll(() => {
  contextManager.disable();
  context.disable();
});

describe('nameRequestSpan', () => {
  it('names the active span by its route and sets http.route; a lazy route is worked out only under a span', () => {
    let asked = 0;
    const pageOf = () => (asked++, '/d/[slug]');
    nameRequestSpan('GET', pageOf);
    expect(asked).toBe(0); // no span: nothing to name, nothing matched
    tracer.startActiveSpan('GET', (span) => {
      nameRequestSpan('GET', pageOf);
      span.end();
    });
    tracer.startActiveSpan('GET', (span) => {
      nameRequestSpan('GET', () => null);
      span.end();
    });
    tracer.startActiveSpan('GET', (span) => {
      nameRequestSpan('POST', 'dashboards.panel');
      span.end();
    });
    expect(asked).toBe(1);
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.attributes['http.route']])).toEqual([
      ['GET /d/[slug]', '/d/[slug]'],
      ['GET', undefined],
      ['POST dashboards.panel', 'dashboards.panel'],
    ]);
  });
});
