import type { LogEntry } from '@/lib/datasources/types';

/**
 * Trace ids as they appear outside Jaeger: in log lines and fields, in W3C `traceparent` values and
 * in 64-bit form. Pure, for client and server.
 */

/** A W3C trace context `traceparent` value: version-traceid-parentid-flags, in hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i;
const TRACEPARENT_IN_TEXT = /\b[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b/gi;

/** The trace id (lower-cased) of a valid traceparent value, else null (version ff and all-zero ids are invalid per the spec). */
export function traceIdOfTraceparent(value: string): string | null {
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return null;
  const version = m[1]!.toLowerCase();
  const traceId = m[2]!.toLowerCase();
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(m[3]!)) return null;
  return traceId;
}

/** Trace ids of the traceparent values written anywhere in a text (a log line, a dump of headers), in order. */
export function findTraceparentTraceIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(TRACEPARENT_IN_TEXT)) {
    const id = traceIdOfTraceparent(m[0]);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * One key per trace whatever the form it was written in: lower case, padded to 128 bits. Jaeger
 * answers a 64-bit id padded with zeros; tracers of 64-bit ids log it without them.
 */
export function toCanonicalTraceId(traceId: string): string {
  return traceId.toLowerCase().padStart(32, '0');
}

// trace_id, trace-id, traceId, TraceID and ECS's trace.id, then `=`, `:` or a JSON key's `":"`.
const TRACE_ID_IN_TEXT = /\btrace[_.-]?id["'\s:=]+([0-9a-f]{16}|[0-9a-f]{32})\b/gi;
const FIELD_KEYS = ['trace_id', 'traceid', 'traceId', 'trace.id'];

/**
 * Trace IDs of a log entry: the parsed one, structured-metadata fields (a `traceparent` one too), then
 * in the line `trace_id=<hex>` (or trace.id, traceId…) and W3C traceparent values; lower-cased, in that
 * order, one per trace (a 64-bit id written with and without its zero padding counts once).
 */
export function findTraceIds(entry: Pick<LogEntry, 'traceId' | 'fields' | 'line'>): string[] {
  const ids = new Map<string, string>();
  const add = (v: string | null | undefined) => {
    if (!v || !/^[0-9a-fA-F]{16,32}$/.test(v) || /^0+$/.test(v)) return;
    const key = toCanonicalTraceId(v);
    if (!ids.has(key)) ids.set(key, v.toLowerCase());
  };
  add(entry.traceId);
  for (const k of FIELD_KEYS) add(entry.fields[k]);
  if (entry.fields.traceparent) add(traceIdOfTraceparent(entry.fields.traceparent));
  for (const m of entry.line.matchAll(TRACE_ID_IN_TEXT)) add(m[1]);
  for (const id of findTraceparentTraceIds(entry.line)) add(id);
  return [...ids.values()];
}
