import type { LogEntry } from '@/lib/datasources/types';
import { TRACE_ID_PATTERN } from './trace-view-url';

/**
 * Trace ids as they appear outside Jaeger: in log lines and fields, in W3C `traceparent` values and
 * in 64-bit form. Pure, for client and server.
 */

/** Hex ids as tracers write them: 16 digits (64 bits) or 32 (128 bits). */
const TRACE_ID_TEXT = /^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/;
/** Also the lengths between: a 128-bit id written as a number, without its leading zeros (e.g. Jaeger's Go client's `%x%016x`). */
const TRACE_ID_TEXT_UNPADDED = /^[0-9a-fA-F]{16,32}$/;

/**
 * Whether a text is a trace id in hex: 16 or 32 digits. `unpadded` also takes 17 to 31, for a value
 * already known to hold a trace id (a log entry's trace id field); the search box keeps to 16 or 32,
 * so that a hex correlation id of another length stays a correlation id. All zeros passes: see isZeroId.
 */
export function isTraceIdText(text: string, opts: { unpadded?: boolean } = {}): boolean {
  return (opts.unpadded ? TRACE_ID_TEXT_UNPADDED : TRACE_ID_TEXT).test(text);
}

/** Whether a hex trace or span id is all zeros, which W3C trace context makes invalid (no trace, no span). */
export function isZeroId(hex: string): boolean {
  return /^0+$/.test(hex);
}

/** A W3C trace context `traceparent` value: version-traceid-parentid-flags, in hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i;
const TRACEPARENT_IN_TEXT = /\b[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b/gi;

/** The trace id (lower-cased) of a valid traceparent value, else null (version ff and all-zero ids are invalid per the spec). */
export function traceIdOfTraceparent(value: string): string | null {
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return null;
  const version = m[1]!.toLowerCase();
  const traceId = m[2]!.toLowerCase();
  if (version === 'ff' || isZeroId(traceId) || isZeroId(m[3]!)) return null;
  return traceId;
}

/** Trace ids of the traceparent values written anywhere in a text (a log line, a dump of headers), in order. */
function findTraceparentTraceIds(text: string): string[] {
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

/**
 * The forms a trace id can be written in by the services that log it. Jaeger answers every id in its
 * 128-bit form, padding a 64-bit id with 16 leading zeros, while tracers of 64-bit ids (B3, Jaeger
 * clients, Datadog) log the 16-digit form; so when the high 64 bits are zero, both are looked for.
 * Throws unless the id is one the trace view takes (TRACE_ID_PATTERN).
 */
export function traceIdForms(traceId: string): string[] {
  if (!TRACE_ID_PATTERN.test(traceId)) throw new Error(`not a trace id: ${traceId}`);
  const id = traceId.toLowerCase();
  const full = toCanonicalTraceId(id);
  if (!full.startsWith('0'.repeat(16))) return [id];
  return [...new Set([full, full.slice(16), id])];
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
    if (!v || !isTraceIdText(v, { unpadded: true }) || isZeroId(v)) return;
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
