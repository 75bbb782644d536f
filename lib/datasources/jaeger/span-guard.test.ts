import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/testing/fixtures';
import { JaegerTraces, JaegerTracesFast, jaegerEnvelope } from './schemas';

const body = () => structuredClone(loadFixture('jaeger', 'trace').body) as { data: { spans: Record<string, unknown>[] }[] };

describe('fast Jaeger trace validation', () => {
  it('accepts a captured trace with the same result as the full schema', () => {
    expect(jaegerEnvelope(JaegerTracesFast).parse(body())).toEqual(jaegerEnvelope(JaegerTraces).parse(body()));
  });

  it('fills absent lists the way the schema defaults do', () => {
    const b = body();
    delete b.data[0]!.spans[0]!.references;
    delete b.data[0]!.spans[0]!.logs;
    const span = jaegerEnvelope(JaegerTracesFast).parse(b).data![0]!.spans[0]!;
    expect([span.references, span.logs]).toEqual([[], []]);
  });

  it('names the span and field of a bad span', () => {
    const b = body();
    b.data[0]!.spans[3]!.startTime = 'yesterday';
    const r = jaegerEnvelope(JaegerTracesFast).safeParse(b);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toBe('data.0.spans.3.startTime');
  });

  it('rejects a tag whose value is an object', () => {
    const b = body();
    b.data[0]!.spans[1]!.tags = [{ key: 'k', type: 'string', value: { nested: true } }];
    const r = jaegerEnvelope(JaegerTracesFast).safeParse(b);
    expect(r.error!.issues[0]!.path.slice(0, 5).join('.')).toBe('data.0.spans.1.tags');
  });
});
