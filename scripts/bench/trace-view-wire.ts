/**
 * Times the trace view's data path in Node, without a browser or a Jaeger: a synthetic trace in
 * Jaeger's API v3 shape (OTLP JSON, as /api/v3/traces/{id} serves it) → JSON.parse → validation →
 * compact wire format → JSON, and on the client side JSON.parse → decode → model.
 * Medians of 5 runs, in milliseconds, with the sizes of both wire formats.
 *
 *   tsx scripts/bench/trace-view-wire.ts
 */
import { performance } from 'node:perf_hooks';
import { OtlpTracesResponse } from '@/lib/datasources/jaeger/otlp-schemas';
import { toCompactTraceFromOtlp } from '@/lib/datasources/jaeger/otlp-to-compact-trace';
import { fromCompactTrace } from '@/lib/traces/compact-trace';
import { buildTraceModel } from '@/lib/traces/trace-model';
import { median } from './bff-common';
import { toOtlpRequests } from './gen-trace';
import { generateSyntheticTrace } from './synthetic-trace';

const RUNS = 5;

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

for (const n of [1_000, 10_000, 50_000]) {
  const trace = generateSyntheticTrace({ spanCount: n, seed: n });
  const wire = JSON.stringify({ result: toOtlpRequests(trace, n)[0] });
  const cols: Record<string, number[]> = { jsonParse: [], validate: [], toCompact: [], stringifyCompact: [], clientParse: [], decode: [], model: [] };
  let sizes = '';
  for (let r = 0; r < RUNS; r++) {
    const [tParse, json] = time(() => JSON.parse(wire) as unknown);
    cols.jsonParse!.push(tParse);
    const [tValidate, data] = time(() => OtlpTracesResponse.parse(json));
    cols.validate!.push(tValidate);
    const [tCompact, compact] = time(() => toCompactTraceFromOtlp(data, trace.traceId));
    cols.toCompact!.push(tCompact);
    const [tCompactJson, compactJson] = time(() => JSON.stringify(compact));
    cols.stringifyCompact!.push(tCompactJson);
    const [tClient, parsed] = time(() => JSON.parse(compactJson) as typeof compact);
    cols.clientParse!.push(tClient);
    const [tDecode, decoded] = time(() => fromCompactTrace(parsed));
    cols.decode!.push(tDecode);
    cols.model!.push(time(() => buildTraceModel(decoded))[0]);
    sizes = `otlp=${(wire.length / 1e6).toFixed(1)}MB compact=${(compactJson.length / 1e6).toFixed(2)}MB`;
  }
  const row = Object.entries(cols).map(([k, v]) => `${k}=${median(v).toFixed(1)}`).join(' ');
  process.stdout.write(`${n} spans: ${sizes}\n  ms: ${row}\n`);
}
