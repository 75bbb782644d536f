import { appendPair, type CompactTrace } from '@/lib/traces/compact-trace';
import type { OtlpAnyValue, OtlpKeyValue, OtlpTracesData } from './otlp-schemas';
import { createCompactTraceBuilder, durationBetween, splitNanos, type Flat, type Scalar } from './otlp-trace-builder';

/**
 * Jaeger's API v3 answer as OTLP JSON straight to the trace view's compact wire format, in one
 * pass over its spans (the rules live in otlp-trace-builder.ts). Attributes shown are the span's own
 * plus what OTLP keeps beside them: scope name and version, status code and description.
 */

const NONE: never[] = [];

/** An OTLP value as the one scalar the UI shows: nested arrays and maps as JSON, 64-bit integers beyond 2^53 as their digits. */
export function toScalar(v: OtlpAnyValue | undefined): Scalar {
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined) return typeof v.doubleValue === 'number' ? v.doubleValue : String(v.doubleValue);
  if (v.bytesValue !== undefined) return v.bytesValue;
  if (v.arrayValue) return JSON.stringify((v.arrayValue.values ?? []).map(toScalar));
  if (v.kvlistValue) return JSON.stringify(Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, toScalar(kv.value)])));
  return '';
}

/** Appends the attributes' pairs; true when one of them is a truthy `error` (how OpenTracing bridges mark errors). */
function appendAttributes(out: Flat, attributes: OtlpKeyValue[] | undefined, intern: (s: string) => number): boolean {
  let error = false;
  if (!attributes) return error;
  for (let k = 0; k < attributes.length; k++) {
    const { key, value } = attributes[k]!;
    if (key === 'error' && (value?.boolValue === true || value?.stringValue === 'true')) error = true;
    appendPair(out, key, toScalar(value), intern);
  }
  return error;
}

/** Encodes Jaeger's OTLP JSON answer for one trace into the compact trace view format; `traceId` names it when it has no spans. */
export function toCompactTraceFromOtlp(data: OtlpTracesData, traceId: string): CompactTrace {
  const b = createCompactTraceBuilder();
  const t = new Float64Array(4);
  for (const rs of data.resourceSpans ?? NONE) {
    let service = 'unknown';
    const resource: [string, Scalar][] = [];
    for (const kv of rs.resource?.attributes ?? NONE) {
      if (kv.key === 'service.name') service = String(toScalar(kv.value));
      else resource.push([kv.key, toScalar(kv.value)]);
    }
    const process = b.process(service, resource);
    for (const ss of rs.scopeSpans ?? NONE) {
      const scope = b.scopePairs(ss.scope?.name, ss.scope?.version);
      for (const w of ss.spans ?? NONE) {
        splitNanos(w.startTimeUnixNano, t, 0);
        splitNanos(w.endTimeUnixNano, t, 2);
        const attributesFrom = b.attributes.length;
        for (const x of scope) b.attributes.push(x);
        const errorAttribute = appendAttributes(b.attributes, w.attributes, b.intern);
        const error = b.appendStatus(b.attributes, w.status?.code ?? 0, w.status?.message) || errorAttribute;
        const attributesTo = b.attributes.length;
        b.add({
          traceId: w.traceId, spanId: w.spanId, parentSpanId: w.parentSpanId || null, name: w.name ?? '', kind: w.kind ?? 0,
          startMicros: t[0]!, durationMicros: durationBetween(t), attributesFrom, attributesTo, error, process,
          events: w.events?.length
            ? w.events.map((e) => {
                const fields: Flat = [];
                appendPair(fields, 'event', e.name ?? '', b.intern);
                appendAttributes(fields, e.attributes, b.intern);
                splitNanos(e.timeUnixNano, t, 0);
                return [t[0]!, fields];
              })
            : null,
          links: w.links?.length ? w.links.map((l) => [l.traceId, l.spanId]) : null,
        });
      }
    }
  }
  return b.finish(traceId);
}
