import { appendPair, createStringTable, FLAG_ERROR, KIND_SHIFT, MISSING_PARENT, NO_PARENT, type CompactTrace } from '@/lib/traces/compact-trace';
import type { OtlpAnyValue, OtlpKeyValue, OtlpSpanWire, OtlpTracesData } from './otlp-schemas';
import { missingParentWarning, orphansWarning, pushSkewWarnings } from './to-trace';

/**
 * Jaeger's API v3 answer (OTLP JSON) straight to the trace view's compact wire format, in one pass
 * over its spans. The rules are toTrace's: spans in start order, each parent resolved to the first
 * span with its id, orphans and clock skew flagged, never dropped. Attributes shown are the span's
 * own plus what OTLP keeps beside them (scope name and version, status code and description); the
 * kind and the error flag travel in `flags`. Resources equal in service and attributes share one
 * process entry.
 */

type Scalar = string | number | boolean;
type Flat = Scalar[];

/** OTLP span kind (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer) → compact kind index. */
const OTLP_KIND_TO_COMPACT = [0, 5, 2, 1, 3, 4];
const STATUS_OK = 1;
const STATUS_ERROR = 2;
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

/** Splits nanoseconds since the epoch into whole microseconds and the nanoseconds left over, exactly. */
function splitNanos(v: string | number, out: Float64Array, at: number): void {
  if (typeof v === 'number') {
    out[at] = Math.floor(v / 1000);
    out[at + 1] = v - out[at]! * 1000;
  } else if (v.length <= 3) {
    out[at] = 0;
    out[at + 1] = Number(v);
  } else {
    out[at] = Number(v.slice(0, -3));
    out[at + 1] = Number(v.slice(-3));
  }
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

interface Collected {
  spans: OtlpSpanWire[];
  /** Per span: its process entry and its scope's attribute pairs. */
  processOf: number[];
  scopeOf: Flat[];
}

/** Gathers every span with its process (resources merged by service and attributes) and its scope pairs. */
function collect(data: OtlpTracesData, processes: CompactTrace['processes'], intern: (s: string) => number): Collected {
  const byKey = new Map<string, number>();
  const c: Collected = { spans: [], processOf: [], scopeOf: [] };
  for (const rs of data.resourceSpans ?? NONE) {
    let service = 'unknown';
    const resource: [string, Scalar][] = [];
    for (const kv of rs.resource?.attributes ?? NONE) {
      if (kv.key === 'service.name') service = String(toScalar(kv.value));
      else resource.push([kv.key, toScalar(kv.value)]);
    }
    let key = service;
    for (const [k, v] of resource) key += `\u0000${k}\u0001${typeof v}\u0001${String(v)}`;
    let proc = byKey.get(key);
    if (proc === undefined) {
      proc = processes.length;
      byKey.set(key, proc);
      processes.push([service, resource]);
    }
    for (const ss of rs.scopeSpans ?? NONE) {
      const scope: Flat = [];
      if (ss.scope?.name) appendPair(scope, 'otel.scope.name', ss.scope.name, intern);
      if (ss.scope?.version) appendPair(scope, 'otel.scope.version', ss.scope.version, intern);
      for (const span of ss.spans ?? NONE) {
        c.spans.push(span);
        c.processOf.push(proc);
        c.scopeOf.push(scope);
      }
    }
  }
  return c;
}

/** Appends the status as Jaeger shows it (otel.status_code, otel.status_description); true when it is an error. */
function appendStatus(out: Flat, span: OtlpSpanWire, intern: (s: string) => number): boolean {
  const code = span.status?.code ?? 0;
  if (code === STATUS_OK || code === STATUS_ERROR) appendPair(out, 'otel.status_code', code === STATUS_ERROR ? 'ERROR' : 'OK', intern);
  if (span.status?.message) appendPair(out, 'otel.status_description', span.status.message, intern);
  return code === STATUS_ERROR;
}

/** Encodes Jaeger's OTLP answer for one trace into the compact trace view format; `traceId` names it when it has no spans. */
export function toCompactTraceFromOtlp(data: OtlpTracesData, traceId: string): CompactTrace {
  const { strings, intern } = createStringTable();
  const processes: CompactTrace['processes'] = [];
  const { spans, processOf, scopeOf } = collect(data, processes, intern);
  const n = spans.length;
  // Whole microseconds, computed from the nanosecond strings exactly (see splitNanos).
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const t = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    splitNanos(spans[i]!.startTimeUnixNano, t, 0);
    splitNanos(spans[i]!.endTimeUnixNano, t, 2);
    startUs[i] = t[0]!;
    durationUs[i] = Math.max(0, Math.floor(((t[2]! - t[0]!) * 1000 + t[3]! - t[1]!) / 1000));
  }
  // Start order; the sort is stable, so spans starting together keep Jaeger's order.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => startUs[a]! - startUs[b]!);
  const firstIndex = new Map<string, number>();
  const lastById = new Map<string, number>(); // toTrace checks skew against the last span of an id
  let start = n ? Infinity : 0;
  let end = n ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    const id = spans[j]!.spanId;
    if (!firstIndex.has(id)) firstIndex.set(id, i);
    lastById.set(id, j);
    if (startUs[j]! < start) start = startUs[j]!;
    if (startUs[j]! + durationUs[j]! > end) end = startUs[j]! + durationUs[j]!;
  }
  // Jaeger answers a short id with its 128-bit form; a span of another trace cannot name this one.
  const wanted = traceId.toLowerCase().padStart(32, '0');
  const rootTraceId = n && !spans.some((s) => s.traceId === wanted) ? spans[order[0]!]!.traceId : wanted;
  const out: CompactTrace = {
    v: 1, traceId: rootTraceId, startMicros: start, durationMicros: end - start, warnings: [],
    strings, processes, spanIds: new Array<string>(n), parents: new Array<number>(n), processOf: new Array<number>(n),
    operations: new Array<number>(n), starts: new Array<number>(n), durations: new Array<number>(n), flags: new Array<number>(n),
    attributes: new Array<Flat>(n), missingParents: [], events: [], links: [], spanWarnings: [], foreignTraceIds: [],
  };
  let orphans = 0;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    const w = spans[j]!;
    const parentId = w.parentSpanId ? w.parentSpanId : null;
    const duration = durationUs[j]!;
    out.spanIds[i] = w.spanId;
    const p = parentId === null ? undefined : firstIndex.get(parentId);
    out.parents[i] = parentId === null ? NO_PARENT : (p ?? MISSING_PARENT);
    out.processOf[i] = processOf[j]!;
    out.operations[i] = intern(w.name ?? '');
    out.starts[i] = startUs[j]! - start;
    out.durations[i] = duration;
    const attributes = scopeOf[j]!.slice();
    const errorAttribute = appendAttributes(attributes, w.attributes, intern);
    const error = appendStatus(attributes, w, intern) || errorAttribute;
    out.attributes[i] = attributes;
    out.flags[i] = (error ? FLAG_ERROR : 0) | ((OTLP_KIND_TO_COMPACT[w.kind ?? 0] ?? 0) << KIND_SHIFT);
    if (w.events?.length) {
      out.events.push([i, w.events.map((e) => {
        const fields: Flat = [];
        appendPair(fields, 'event', e.name ?? '', intern);
        appendAttributes(fields, e.attributes, intern);
        splitNanos(e.timeUnixNano, t, 0);
        return [t[0]! - start, fields];
      })]);
    }
    // Links beyond the parent are "follows from"; the compact format lists a span's links only when it has such.
    if (w.links?.length) {
      const links: [string, string, 0 | 1][] = parentId === null ? [] : [[w.traceId, parentId, 0]];
      for (const l of w.links) links.push([l.traceId, l.spanId, 1]);
      out.links.push([i, links]);
    }
    const warnings: string[] = [];
    if (parentId !== null) {
      const parent = lastById.get(parentId);
      if (parent === undefined) {
        orphans++;
        out.missingParents.push([i, parentId]);
        warnings.push(missingParentWarning(parentId));
      } else pushSkewWarnings(warnings, startUs[j]!, duration, startUs[parent]!, durationUs[parent]!);
    }
    if (warnings.length) out.spanWarnings.push([i, warnings]);
    if (w.traceId !== rootTraceId) out.foreignTraceIds.push([i, w.traceId]);
  }
  if (orphans) out.warnings.push(orphansWarning(orphans));
  return out;
}
