/**
 * Times the trace view's data path in Node, without a browser or a Jaeger: a synthetic trace in
 * Jaeger's /api/traces/{id} shape (the tags Jaeger adds to OTLP spans included) → JSON.parse →
 * validation → toTrace → compact wire format (and the one-pass Jaeger → compact conversion), and on the client side JSON.parse → decode → model.
 * Medians of 5 runs, in milliseconds, with the sizes of both wire formats.
 *
 *   tsx scripts/bench/trace-view-wire.ts
 */
import { performance } from 'node:perf_hooks';
import { JaegerTraces, JaegerTracesFast, jaegerEnvelope } from '@/lib/datasources/jaeger/schemas';
import { toCompactTraceFromJaeger } from '@/lib/datasources/jaeger/to-compact-trace';
import { toTrace } from '@/lib/datasources/jaeger/to-trace';
import type { Trace } from '@/lib/datasources/types';
import { fromCompactTrace, toCompactTrace } from '@/lib/traces/compact-trace';
import { buildTraceModel } from '@/lib/traces/trace-model';
import { median } from './bff-common';
import { generateSyntheticTrace } from './synthetic-trace';

const RUNS = 5;

/** The domain trace as Jaeger's internal API would serve it after an OTLP ingest. */
function toJaegerWire(trace: Trace): string {
  const processes: Record<string, { serviceName: string; tags: { key: string; type: string; value: unknown }[] }> = {};
  const pid = new Map<string, string>();
  for (const s of trace.spans) {
    if (pid.has(s.service)) continue;
    const id = `p${pid.size + 1}`;
    pid.set(s.service, id);
    processes[id] = { serviceName: s.service, tags: s.resource.map((kv) => ({ key: kv.key, type: 'string', value: kv.value })) };
  }
  const tag = (key: string, value: string | number | boolean) => ({ key, type: typeof value === 'number' ? 'int64' : typeof value === 'boolean' ? 'bool' : 'string', value });
  const spans = trace.spans.map((s) => ({
    traceID: s.traceId, spanID: s.spanId, operationName: s.operation,
    references: s.parentSpanId ? [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }] : [],
    startTime: s.startMicros, duration: s.durationMicros,
    tags: [
      tag('otel.scope.name', 'sightline-bench'), ...s.attributes.map((kv) => tag(kv.key, kv.value)), tag('span.kind', s.kind),
      ...(s.error ? [tag('error', true), tag('otel.status_code', 'ERROR'), tag('otel.status_description', 'synthetic failure')] : [tag('otel.status_code', 'OK')]),
      tag('internal.span.format', 'otlp'),
    ],
    logs: [], processID: pid.get(s.service)!, warnings: null,
  }));
  return JSON.stringify({ data: [{ traceID: trace.traceId, spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null });
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

for (const n of [1_000, 10_000, 50_000]) {
  const wire = toJaegerWire(generateSyntheticTrace({ spanCount: n, seed: n }));
  const cols: Record<string, number[]> = { jsonParse: [], zodParse: [], fastParse: [], toTrace: [], encode: [], jaegerToCompact: [], stringifyTrace: [], stringifyCompact: [], clientParse: [], decode: [], model: [] };
  let sizes = '';
  for (let r = 0; r < RUNS; r++) {
    const [tParse, json] = time(() => JSON.parse(wire) as unknown);
    cols.jsonParse!.push(tParse);
    cols.zodParse!.push(time(() => jaegerEnvelope(JaegerTraces).parse(json))[0]);
    const fastJson = JSON.parse(wire) as unknown;
    const [tFast, parsedFast] = time(() => jaegerEnvelope(JaegerTracesFast).parse(fastJson));
    const traces = parsedFast.data ?? [];
    cols.fastParse!.push(tFast);
    const [tConvert, trace] = time(() => toTrace(traces[0]!));
    cols.toTrace!.push(tConvert);
    const [tEncode, compact] = time(() => toCompactTrace(trace));
    cols.encode!.push(tEncode);
    cols.jaegerToCompact!.push(time(() => toCompactTraceFromJaeger(traces[0]!))[0]);
    const [tTraceJson, traceJson] = time(() => JSON.stringify({ trace }));
    cols.stringifyTrace!.push(tTraceJson);
    const [tCompactJson, compactJson] = time(() => JSON.stringify(compact));
    cols.stringifyCompact!.push(tCompactJson);
    const [tClient, parsed] = time(() => JSON.parse(compactJson) as typeof compact);
    cols.clientParse!.push(tClient);
    const [tDecode, decoded] = time(() => fromCompactTrace(parsed));
    cols.decode!.push(tDecode);
    cols.model!.push(time(() => buildTraceModel(decoded))[0]);
    sizes = `jaeger=${(wire.length / 1e6).toFixed(1)}MB trace=${(traceJson.length / 1e6).toFixed(1)}MB compact=${(compactJson.length / 1e6).toFixed(2)}MB`;
  }
  const row = Object.entries(cols).map(([k, v]) => `${k}=${median(v).toFixed(1)}`).join(' ');
  process.stdout.write(`${n} spans: ${sizes}\n  ms: ${row}\n`);
}
