import { appendPair, type CompactTrace } from '@/lib/traces/compact-trace';
import { createCompactTraceBuilder, durationBetween, splitNanos64, type Flat, type Scalar } from './otlp-trace-builder';
import { FIXED64, LEN, ProtoError, Reader, VARINT } from './protobuf-reader';

/**
 * Jaeger's API v3 gRPC answer (a stream of `jaeger.api_v3.TracesData`, which is OTLP's TracesData:
 * opentelemetry/proto/trace/v1/trace.proto) decoded from protobuf straight into the trace view's
 * compact format. A hand-written reader of only the fields the view shows: no generated code, and
 * no intermediate object per span, attribute or value, which is what makes this ~3× cheaper than
 * JSON.parse of the same trace as OTLP JSON. Unknown fields are skipped, as protobuf requires.
 */

/** AnyValue → the scalar the UI shows (as toScalar does for OTLP JSON). Hot: a plain loop, no closure. */
function readAnyValue(r: Reader, start: number, end: number): Scalar {
  const outer = r.end;
  r.pos = start;
  r.end = end;
  let v: Scalar = '';
  while (r.pos < end) {
    const n = r.tag();
    if (n === 1 && r.wire === LEN) v = r.repeatedString();
    else if (n === 2 && r.wire === VARINT) v = r.varint() !== 0;
    else if (n === 3 && r.wire === VARINT) v = r.varint();
    else if (n === 4 && r.wire === FIXED64) {
      if (r.pos + 8 > end) throw new ProtoError('truncated double');
      v = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
    } else if (n === 5 && r.wire === LEN) v = JSON.stringify(readList(r, ...r.bytes(), false));
    else if (n === 6 && r.wire === LEN) v = JSON.stringify(Object.fromEntries(readList(r, ...r.bytes(), true) as [string, Scalar][]));
    else if (n === 7 && r.wire === LEN) {
      const [a, z] = r.bytes();
      v = r.buf.toString('base64', a, z);
    } else r.skip();
  }
  if (r.pos !== end) throw new ProtoError('field runs past its message');
  r.end = outer;
  return v;
}

/** ArrayValue's values, or KeyValueList's [key, value] pairs (both: repeated field 1). */
function readList(r: Reader, start: number, end: number, pairs: boolean): unknown[] {
  const out: unknown[] = [];
  const at = r.pos;
  r.message(start, end, (n) => {
    if (n !== 1 || r.wire !== LEN) return r.skip();
    const [a, z] = r.bytes();
    out.push(pairs ? readKeyValue(r, a, z) : readAnyValue(r, a, z));
    r.pos = z;
  });
  r.pos = at;
  return out;
}

function readKeyValue(r: Reader, start: number, end: number): [string, Scalar] {
  const outer = r.end;
  r.pos = start;
  r.end = end;
  let key = '';
  let value: Scalar = '';
  while (r.pos < end) {
    const n = r.tag();
    if (n === 1 && r.wire === LEN) key = r.repeatedString();
    else if (n === 2 && r.wire === LEN) {
      const z = r.fieldEnd();
      value = readAnyValue(r, r.pos, z);
      r.pos = z;
    } else r.skip();
  }
  if (r.pos !== end) throw new ProtoError('field runs past its message');
  r.end = outer;
  return [key, value];
}

/** Appends a KeyValue field's pair; true when it is a truthy `error` attribute. */
function appendKeyValue(r: Reader, out: Flat, intern: (s: string) => number): boolean {
  const z = r.fieldEnd();
  const [key, value] = readKeyValue(r, r.pos, z);
  r.pos = z;
  appendPair(out, key, value, intern);
  return key === 'error' && (value === true || value === 'true');
}

type Builder = ReturnType<typeof createCompactTraceBuilder>;
const t = new Float64Array(4);
const half = new Float64Array(2);

function readSpan(r: Reader, b: Builder, start: number, end: number, process: number, scope: Flat): void {
  let traceId = '';
  let spanId = '';
  let parentSpanId: string | null = null;
  let name = '';
  let kind = 0;
  let statusCode = 0;
  let statusMessage: string | undefined;
  let errorAttribute = false;
  const attributes = b.attributes;
  const attributesFrom = attributes.length;
  for (const x of scope) attributes.push(x);
  let events: RawEvent[] | null = null;
  let links: [string, string][] | null = null;
  t.fill(0);
  const outer = r.end;
  r.pos = start;
  r.end = end;
  while (r.pos < end) {
    const n = r.tag();
    if (r.wire === LEN) {
      if (n === 1) traceId = r.repeatedHex();
      else if (n === 2) spanId = r.hex();
      else if (n === 4) parentSpanId = r.hex() || null;
      else if (n === 5) name = r.repeatedString();
      else if (n === 9) errorAttribute = appendKeyValue(r, attributes, b.intern) || errorAttribute;
      else if (n === 11) (events ??= []).push(readEvent(r));
      else if (n === 13) (links ??= []).push(readLink(r));
      else if (n === 15) {
        const z = r.fieldEnd();
        r.message(r.pos, z, (m) => {
          if (m === 2 && r.wire === LEN) statusMessage = r.string();
          else if (m === 3 && r.wire === VARINT) statusCode = r.varint();
          else r.skip();
        });
        r.pos = z;
      } else r.skip();
    } else if (n === 6 && r.wire === VARINT) kind = r.varint();
    else if ((n === 7 || n === 8) && r.wire === FIXED64) r.fixed64(t, n === 7 ? 0 : 2);
    else r.skip();
  }
  if (r.pos !== end) throw new ProtoError('field runs past its message');
  r.end = outer;
  const error = b.appendStatus(attributes, statusCode, statusMessage) || errorAttribute;
  splitNanos64(t[0]!, t[1]!, t, 0);
  splitNanos64(t[2]!, t[3]!, t, 2);
  const durationMicros = durationBetween(t);
  const eventFields = events ? (events as RawEvent[]).map((e) => toEventFields(e, b.intern)) : null;
  b.add({ traceId, spanId, parentSpanId, name, kind, startMicros: t[0]!, durationMicros, attributesFrom, attributesTo: attributes.length, error, events: eventFields, links, process });
}

/** An event as read: [time µs since the epoch, name, attribute pairs] (interned later, in the JSON decoder's order). */
type RawEvent = [number, string, [string, Scalar][]];

function readEvent(r: Reader): RawEvent {
  const [start, end] = r.bytes();
  let name = '';
  const attributes: [string, Scalar][] = [];
  half.fill(0);
  r.message(start, end, (n) => {
    if (n === 1 && r.wire === FIXED64) r.fixed64(half, 0);
    else if (n === 2 && r.wire === LEN) name = r.string();
    else if (n === 3 && r.wire === LEN) {
      const [a, z] = r.bytes();
      attributes.push(readKeyValue(r, a, z));
      r.pos = z;
    } else r.skip();
  });
  r.pos = end;
  splitNanos64(half[0]!, half[1]!, half, 0);
  return [half[0]!, name, attributes];
}

/** The event's fields as the view shows them: `event` (its name) first, then its attributes. */
function toEventFields([at, name, attributes]: RawEvent, intern: (s: string) => number): [number, Flat] {
  const fields: Flat = [];
  appendPair(fields, 'event', name, intern);
  for (const [k, v] of attributes) appendPair(fields, k, v, intern);
  return [at, fields];
}

function readLink(r: Reader): [string, string] {
  const [start, end] = r.bytes();
  let traceId = '';
  let spanId = '';
  r.message(start, end, (n) => {
    if (n === 1 && r.wire === LEN) traceId = r.hex();
    else if (n === 2 && r.wire === LEN) spanId = r.hex();
    else r.skip();
  });
  r.pos = end;
  return [traceId, spanId];
}

/** Field numbers' [start, end) byte ranges of one message, for fields whose order on the wire is not guaranteed. */
function ranges(r: Reader, start: number, end: number, wanted: number): [number, number][] {
  const out: [number, number][] = [];
  r.message(start, end, (n) => (n === wanted && r.wire === LEN ? out.push(r.bytes()) : r.skip()));
  return out;
}

function readResourceSpans(r: Reader, b: Builder, start: number, end: number): void {
  let service = 'unknown';
  const resource: [string, Scalar][] = [];
  for (const [a, z] of ranges(r, start, end, 1)) {
    for (const [ka, kz] of ranges(r, a, z, 1)) {
      const [key, value] = readKeyValue(r, ka, kz);
      if (key === 'service.name') service = String(value);
      else resource.push([key, value]);
    }
  }
  const process = b.process(service, resource);
  for (const [a, z] of ranges(r, start, end, 2)) {
    let scopeName: string | undefined;
    let scopeVersion: string | undefined;
    for (const [sa, sz] of ranges(r, a, z, 1)) {
      r.message(sa, sz, (n) => {
        if (n === 1 && r.wire === LEN) scopeName = r.string();
        else if (n === 2 && r.wire === LEN) scopeVersion = r.string();
        else r.skip();
      });
    }
    const scope = b.scopePairs(scopeName, scopeVersion);
    for (const [spanStart, spanEnd] of ranges(r, a, z, 2)) readSpan(r, b, spanStart, spanEnd, process, scope);
  }
}

/** Decodes the stream's TracesData messages (one trace, possibly in chunks) into the compact trace view format. */
export function toCompactTraceFromOtlpProto(messages: Buffer[], traceId: string): CompactTrace {
  const b = createCompactTraceBuilder();
  for (const buf of messages) {
    const r = new Reader(buf);
    r.end = buf.length;
    for (const [a, z] of ranges(r, 0, buf.length, 1)) readResourceSpans(r, b, a, z);
  }
  return b.finish(traceId);
}

/** Encodes a GetTraceRequest (jaeger.api_v3: trace_id = 1, raw_traces = 4). */
export function encodeGetTraceRequest(traceId: string, raw: boolean): Buffer {
  const id = Buffer.from(traceId, 'utf8');
  if (id.length > 127) throw new ProtoError('trace id too long');
  return Buffer.concat([Buffer.from([0x0a, id.length]), id, raw ? Buffer.from([0x20, 0x01]) : Buffer.alloc(0)]);
}
