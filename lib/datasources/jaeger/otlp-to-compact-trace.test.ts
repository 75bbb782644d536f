import { describe, expect, it } from 'vitest';
import { fromCompactTrace, MISSING_PARENT } from '@/lib/traces/compact-trace';
import { CompactTraceSchema } from '@/lib/traces/compact-trace-schema';
import { OtlpTracesResponse } from './otlp-schemas';
import { toCompactTraceFromOtlp } from './otlp-to-compact-trace';

const T = 'a'.repeat(32);
const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
const BASE = 1_700_000_000_000_000n; // µs
const ns = (micros: number, rest = 0) => String((BASE + BigInt(micros)) * 1000n + BigInt(rest));

const span = (spanId: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  traceId: T, spanId, name: `op-${spanId}`, startTimeUnixNano: ns(from), endTimeUnixNano: ns(to), ...extra,
});
const resource = (service: string | null, spans: object[], extra: object[] = [], scope: object = { name: 'lib', version: '1.2' }) => ({
  resource: { attributes: [...(service ? [str('service.name', service)] : []), ...extra] },
  scopeSpans: [{ scope, spans }],
});

/** What Jaeger's raw API v3 answer can hold: skew, orphans, duplicate ids, links, events, odd values, resources to merge. */
function awkward() {
  return OtlpTracesResponse.parse({
    result: {
      resourceSpans: [
        resource('api', [
          span('root', 100, 400, { kind: 2, attributes: [str('http.url', 'x'.repeat(80)), { key: 'big', value: { intValue: '9007199254740993' } }] }),
          span('early', 50, 70, { parentSpanId: 'root', kind: 3, events: [{ timeUnixNano: ns(60), name: 'retry', attributes: [{ key: 'n', value: { intValue: 2 } }] }] }),
        ], [str('host', 'a')]),
        resource('db', [
          span('late', 500, 510, { parentSpanId: 'root', kind: 4, status: { code: 2, message: 'boom' } }),
          span('lost', 120, 125, { parentSpanId: 'gone', kind: 5, attributes: [{ key: 'error', value: { boolValue: true } }] }),
          span('ff', 130, 135, { kind: 1, links: [{ traceId: T, spanId: 'root' }] }),
        ]),
        resource('api', [span('dup', 140, 145, { parentSpanId: 'root', attributes: [{ key: 'list', value: { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'b' }] } } }] })], [str('host', 'a')], {}),
        resource(null, [
          span('dup', 140, 147, { parentSpanId: 'early', traceId: 'c'.repeat(32), attributes: [{ key: 'map', value: { kvlistValue: { values: [str('k', 'v')] } } }, { key: 'd', value: { doubleValue: 0.5 } }, { key: 'raw', value: { bytesValue: 'AQI=' } }] }),
          span('kid', 150, 151, { parentSpanId: 'dup', startTimeUnixNano: ns(150, 999), endTimeUnixNano: ns(152, 1) }),
        ]),
      ],
    },
  });
}

describe('Jaeger API v3 (OTLP JSON) straight to the compact view format', () => {
  const c = toCompactTraceFromOtlp(awkward(), T);
  const t = fromCompactTrace(c);
  const byId = (id: string) => t.spans.find((s) => s.spanId === id)!;

  it('puts spans in start order with the trace start and end in µs', () => {
    expect(t.spans.map((s) => s.spanId)).toEqual(['early', 'root', 'lost', 'ff', 'dup', 'dup', 'kid', 'late']);
    expect(t.startMicros).toBe(Number(BASE) + 50);
    expect(t.durationMicros).toBe(510 - 50);
    expect(CompactTraceSchema.safeParse(JSON.parse(JSON.stringify(c))).success).toBe(true);
  });

  it('computes durations from nanoseconds exactly, beyond what a double holds', () => {
    // 150 µs + 999 ns → 152 µs + 1 ns: 1,002 ns, so 1 µs; float nanoseconds would be off by hundreds.
    expect(byId('kid').durationMicros).toBe(1);
  });

  it('maps every OTLP span kind and flags errors from the status or an error attribute', () => {
    expect(['root', 'early', 'late', 'lost', 'ff', 'kid'].map((id) => byId(id).kind)).toEqual(['server', 'client', 'producer', 'consumer', 'internal', 'unspecified']);
    expect(t.spans.filter((s) => s.error).map((s) => s.spanId).sort()).toEqual(['late', 'lost']);
    expect(byId('late').attributes).toEqual([{ key: 'otel.scope.name', value: 'lib' }, { key: 'otel.scope.version', value: '1.2' }, { key: 'otel.status_code', value: 'ERROR' }, { key: 'otel.status_description', value: 'boom' }]);
  });

  it('keeps attribute values the UI can show: big integers as digits, lists and maps as JSON', () => {
    expect(byId('root').attributes).toContainEqual({ key: 'big', value: '9007199254740993' });
    expect(byId('root').attributes).toContainEqual({ key: 'http.url', value: 'x'.repeat(80) });
    expect(t.spans.find((s) => s.spanId === 'dup' && s.service === 'api')!.attributes).toEqual([{ key: 'list', value: '[1,"b"]' }]);
    expect(t.spans.find((s) => s.spanId === 'dup' && s.service === 'unknown')!.attributes).toEqual([
      { key: 'otel.scope.name', value: 'lib' }, { key: 'otel.scope.version', value: '1.2' },
      { key: 'map', value: '{"k":"v"}' }, { key: 'd', value: 0.5 }, { key: 'raw', value: 'AQI=' },
    ]);
  });

  it('flags the orphan and both kinds of clock skew, and never drops a span', () => {
    expect(c.parents[t.spans.indexOf(byId('lost'))]).toBe(MISSING_PARENT);
    expect(byId('lost').warnings).toEqual(['parent span gone not in trace']);
    expect(byId('early').warnings).toEqual(['clock skew: starts 50 µs before its parent']);
    expect(byId('late').warnings).toEqual(['clock skew: ends 110 µs after its parent']);
    expect(t.warnings).toEqual(['1 span whose parent is not in the trace']);
    expect(t.spans).toHaveLength(8);
  });

  it('resolves a duplicated id to its first span, keeps a foreign trace id, and names a resource without service "unknown"', () => {
    const [first, second] = t.spans.filter((s) => s.spanId === 'dup');
    expect(byId('kid').parentSpanId).toBe('dup');
    expect(c.parents[t.spans.indexOf(byId('kid'))]).toBe(t.spans.indexOf(first!));
    expect(second!.traceId).toBe('c'.repeat(32));
    expect(t.services).toEqual(['api', 'db', 'unknown']);
  });

  it('merges resources equal in service and attributes into one process', () => {
    expect(c.processes).toEqual([['api', [['host', 'a']]], ['db', []], ['unknown', []]]);
    expect(byId('root').resource).toBe(t.spans.find((s) => s.spanId === 'dup' && s.service === 'api')!.resource);
  });

  it('turns events into fields led by the event name, and links into follows-from beside the parent', () => {
    expect(byId('early').events).toEqual([{ t: Math.floor((Number(BASE) + 60) / 1000), timeMicros: Number(BASE) + 60, fields: [{ key: 'event', value: 'retry' }, { key: 'n', value: 2 }] }]);
    expect(byId('ff').links).toEqual([{ traceId: T, spanId: 'root', type: 'follows_from' }]);
    expect(byId('ff').parentSpanId).toBeNull();
    expect(byId('early').links).toEqual([{ traceId: T, spanId: 'root', type: 'child_of' }]);
  });

  it('accepts the bare TracesData as well as the wrapped one, and a trace without spans', () => {
    const bare = OtlpTracesResponse.parse({ resourceSpans: [resource('api', [span('only', 1, 2)])] });
    expect(fromCompactTrace(toCompactTraceFromOtlp(bare, T)).spans.map((s) => s.spanId)).toEqual(['only']);
    const empty = toCompactTraceFromOtlp(OtlpTracesResponse.parse({ result: {} }), 'ABC');
    expect(empty).toMatchObject({ traceId: '0'.repeat(29) + 'abc', spanIds: [], durationMicros: 0 });
  });

  it('rejects a malformed span naming where it is', () => {
    const bad = OtlpTracesResponse.safeParse({ resourceSpans: [resource('api', [span('ok', 1, 2), { ...span('bad', 1, 2), startTimeUnixNano: 'soon' }])] });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('startTimeUnixNano');
    expect(JSON.stringify(bad.error?.issues)).toContain('is not a count of nanoseconds');
  });
});
