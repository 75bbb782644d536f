import { describe, expect, it } from 'vitest';
import { toTrace } from '@/lib/datasources/jaeger/to-trace';
import { JaegerTraces } from '@/lib/datasources/jaeger/schemas';
import type { Micros, Trace } from '@/lib/datasources/types';
import { loadFixture } from '@/lib/testing/fixtures';
import { fromCompactTrace, MISSING_PARENT, toCompactTrace } from './compact-trace';
import { CompactTraceSchema } from './compact-trace-schema';
import { makeFakeTrace } from './fake-trace';
import { buildSpanTree, SKEW_STARTS_BEFORE_PARENT } from './tree';

/** Encode → JSON → decode, as between the BFF and the browser. */
const roundTrip = (t: Trace) => fromCompactTrace(CompactTraceSchema.parse(JSON.parse(JSON.stringify(toCompactTrace(t)))));

const captured = () => toTrace(JaegerTraces.parse((loadFixture('jaeger', 'trace').body as { data: unknown }).data)[0]!);

describe('compact trace wire format', () => {
  it('round-trips a captured Jaeger trace exactly: attributes, events, resource, links, warnings', () => {
    const trace = captured();
    expect(roundTrip(trace)).toEqual(trace);
  });

  it('keeps an orphan with the id of its missing parent, and the tree still flags it', () => {
    const trace = makeFakeTrace([
      { id: 'root', start: 0, duration: 100 },
      { id: 'lost', parent: 'gone', start: 10, duration: 5 },
    ]);
    const compact = toCompactTrace(trace);
    expect(compact.parents[1]).toBe(MISSING_PARENT);
    const back = roundTrip(trace);
    expect(back.spans[1]!.parentSpanId).toBe('gone');
    const tree = buildSpanTree(back);
    expect(tree.orphan[tree.indexById.get('lost')!]).toBe(1);
  });

  it('keeps a child that starts before its parent (clock skew) at its own start time', () => {
    const trace = makeFakeTrace([
      { id: 'root', start: 1_000, duration: 100 },
      { id: 'early', parent: 'root', start: 970, duration: 50 },
    ]);
    const back = roundTrip(trace);
    expect(back.spans.map((s) => s.startMicros)).toEqual([1_000, 970]);
    const tree = buildSpanTree(back);
    expect(tree.skew[tree.indexById.get('early')!]! & SKEW_STARTS_BEFORE_PARENT).toBeTruthy();
  });

  it('keeps follows-from links, errors, kinds, typed attribute values and spans of another trace', () => {
    const trace = makeFakeTrace([
      { id: 'root', start: 0, duration: 100, error: true, attributes: { 'http.status_code': 500, retry: true, ratio: 0.25, url: 'x'.repeat(200), 'db.system': 'postgresql' } },
      { id: 'async', parent: 'root', start: 50, duration: 100, followsFrom: true },
    ]);
    trace.spans[0]!.kind = 'server';
    trace.spans[1]!.traceId = 'other-trace';
    expect(roundTrip(trace)).toEqual(trace);
  });

  it('is several times smaller than the neutral trace as JSON', () => {
    const trace = captured();
    const spans = Array.from({ length: 200 }, (_, k) => trace.spans.map((s) => ({ ...s, spanId: `${s.spanId}-${k}`, parentSpanId: s.parentSpanId && `${s.parentSpanId}-${k}` }))).flat();
    const big: Trace = { ...trace, spans, durationMicros: trace.durationMicros as Micros };
    expect(JSON.stringify(toCompactTrace(big)).length * 3).toBeLessThan(JSON.stringify(big).length);
  });
});
