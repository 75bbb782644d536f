import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/testing/fixtures';
import { fromCompactTrace, MISSING_PARENT, toCompactTrace } from '@/lib/traces/compact-trace';
import { JaegerTraces, JaegerTracesFast, type JaegerTraceWire } from './schemas';
import { toCompactTraceFromJaeger } from './to-compact-trace';
import { toTrace } from './to-trace';

const captured = () => JaegerTraces.parse((loadFixture('jaeger', 'trace').body as { data: unknown }).data)[0]!;

const T = 'aaaa';
const span = (id: string, start: number, duration: number, extra: Record<string, unknown> = {}) => ({
  traceID: T, spanID: id, operationName: `op-${id}`, startTime: start, duration, processID: 'p1', ...extra,
});
const child = (parent: string, traceID = T) => ({ references: [{ refType: 'CHILD_OF', traceID, spanID: parent }] });

/** A trace with what Jaeger's raw answer can hold: skew, orphans, duplicate ids, odd links, events, null lists, unknown processes. */
function awkward(): JaegerTraceWire {
  const wire = {
    traceID: T,
    processes: {
      p1: { serviceName: 'api', tags: [{ key: 'host', type: 'string', value: 'a' }] },
      p2: { serviceName: 'db', tags: null },
      p3: { serviceName: 'api', tags: [{ key: 'host', type: 'string', value: 'a' }] }, // same process as p1
    },
    warnings: ['from jaeger'],
    spans: [
      span('late', 500, 10, { ...child('root'), processID: 'p2', tags: [{ key: 'span.kind', value: 'client' }, { key: 'error', value: true }] }),
      span('root', 100, 300, { references: null, tags: [{ key: 'span.kind', value: 'server' }, { key: 'http.url', value: 'x'.repeat(80) }], warnings: ['w1'] }),
      span('early', 50, 20, { ...child('root'), processID: 'p3', logs: [{ timestamp: 60, fields: [{ key: 'event', value: 'retry' }] }, { timestamp: 61, fields: null }] }),
      span('lost', 120, 5, { ...child('gone'), processID: 'nope', tags: [{ key: 'otel.status_code', value: 'ERROR' }] }),
      span('ff', 130, 5, { references: [{ refType: 'FOLLOWS_FROM', traceID: T, spanID: 'root' }, { refType: 'CHILD_OF', traceID: 'bbbb', spanID: 'x' }] }),
      span('dup', 140, 5, child('root')),
      span('dup', 140, 7, { ...child('early'), traceID: 'cccc' }),
      span('kid', 150, 1, child('dup')),
    ],
  };
  return JaegerTracesFast.parse([wire])[0]!;
}

describe('Jaeger trace straight to the compact view format', () => {
  it('equals the neutral conversion then encoding, for a captured trace', () => {
    expect(toCompactTraceFromJaeger(captured())).toEqual(toCompactTrace(toTrace(captured())));
  });

  it('equals it for skew, orphans, duplicate ids, foreign links, events and unknown processes', () => {
    expect(toCompactTraceFromJaeger(awkward())).toEqual(toCompactTrace(toTrace(awkward())));
  });

  it('decodes to spans in start order with skew and the missing parent flagged', () => {
    const c = toCompactTraceFromJaeger(awkward());
    const t = fromCompactTrace(c);
    expect(t.spans.map((s) => s.spanId)).toEqual(['early', 'root', 'lost', 'ff', 'dup', 'dup', 'kid', 'late']);
    expect(t.spans[0]!.warnings).toEqual(['clock skew: starts 50 µs before its parent']);
    expect(t.spans[7]!.warnings).toEqual(['clock skew: ends 110 µs after its parent']);
    expect(c.parents[2]).toBe(MISSING_PARENT);
    expect(t.warnings).toEqual(['from jaeger', '1 span whose parent is not in the trace']);
    expect(t.services).toEqual(['api', 'db', 'unknown']);
  });

  it('encodes an empty trace', () => {
    const empty = JaegerTracesFast.parse([{ traceID: T, spans: [], processes: {} }])[0]!;
    expect(toCompactTraceFromJaeger(empty)).toEqual(toCompactTrace(toTrace(empty)));
  });
});
