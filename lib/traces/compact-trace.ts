import type { KeyValue, Micros, Span, SpanKind, Trace } from '@/lib/datasources/types';
import { asUnixMs } from '@/lib/datasources/types';

/**
 * The trace view's wire format (GET /api/traces/{id}/view): a whole trace as columns and string
 * tables instead of one object per span. For 50,000 spans it is a few MB instead of the ~30 MB of
 * the neutral `Trace` as JSON, parses in a fraction of the time, and decodes back to exactly the
 * same `Trace` (round trip is lossless; see compact-trace.test.ts).
 *
 * Invariants: every per-span column has one entry per span, in the trace's span order; times are
 * microsecond offsets from `startMicros`; `strings` holds operations and attribute/field keys;
 * sparse tables (`missingParents`, `events`, `links`, `spanWarnings`, `foreignTraceIds`) are
 * `[spanIndex, value]` pairs for the few spans that need them.
 */

type Scalar = string | number | boolean;
/** Key/value pairs flattened: `[key, value, ...]` (see flattenPairs for the key's sign). */
type FlatPairs = Scalar[];
/** `[spanIndex, value]` for the few spans that have one. */
type Sparse<T> = [number, T][];

/**
 * The wire shape. A plain type, not a zod schema, so that the trace page's browser bundle carries
 * no schema library (constructing zod schemas cost ~150 ms of the page's start-up); the schema for
 * tests and tooling is compact-trace-schema.ts, checked against this type there.
 */
export interface CompactTrace {
  v: 2;
  traceId: string;
  startMicros: number;
  durationMicros: number;
  warnings: string[];
  strings: string[];
  /** One per process: service name and resource pairs (keys inline, processes are few). */
  processes: [string, [string, Scalar][]][];
  spanIds: string[];
  /** Index of the parent span (first span with that id); NO_PARENT; or MISSING_PARENT (id in missingParents). */
  parents: number[];
  processOf: number[];
  operations: number[];
  starts: number[];
  durations: number[];
  /** FLAG_ERROR | kind index << KIND_SHIFT. */
  flags: number[];
  /**
   * Every span's attribute pairs, concatenated in span order (one array, not one per span: at
   * 50,000 spans that spares the parser and the collector 50,000 small arrays).
   */
  attributes: FlatPairs;
  /** Per span, the end (exclusive) of its pairs in `attributes`; a span's pairs start where the previous span's end. */
  attributeEnds: number[];
  missingParents: Sparse<string>;
  /** Per span: events as [offset µs, flat field pairs]. */
  events: Sparse<[number, FlatPairs][]>;
  /** Only for spans whose links are not just "child of its parent": [traceId, spanId, 1 = follows_from]. */
  links: Sparse<[string, string, 0 | 1][]>;
  spanWarnings: Sparse<string[]>;
  /** Spans whose traceId differs from the trace's. */
  foreignTraceIds: Sparse<string>;
}

export const NO_PARENT = -1;
export const MISSING_PARENT = -2;
export const FLAG_ERROR = 1;
/** Kind index position within `flags`. */
export const KIND_SHIFT = 1;
/** Longer string values (URLs, statements) are rarely repeated: kept inline. */
const MAX_INTERNED_LENGTH = 64;
const KINDS: SpanKind[] = ['unspecified', 'client', 'server', 'producer', 'consumer', 'internal'];

/** Interns strings into a table, returning each one's index. */
export function createStringTable() {
  const index = new Map<string, number>();
  const strings: string[] = [];
  return {
    strings,
    intern(s: string): number {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      return i;
    },
  };
}

/**
 * Pairs flattened to `[key, value, ...]`. A key index k >= 0 means the value follows as is; a
 * negative key -(k + 1) means the value is a string interned at that index (repeated values such
 * as status codes or scope names cost a few bytes).
 */
export function flattenPairs(kvs: readonly Pick<KeyValue, 'key' | 'value'>[], intern: (s: string) => number): (string | number | boolean)[] {
  const out: (string | number | boolean)[] = [];
  for (let k = 0; k < kvs.length; k++) appendPair(out, kvs[k]!.key, kvs[k]!.value, intern);
  return out;
}

/** Appends one pair to flattened pairs (see flattenPairs). */
export function appendPair(out: (string | number | boolean)[], key: string, value: string | number | boolean, intern: (s: string) => number): void {
  const interned = typeof value === 'string' && value.length <= MAX_INTERNED_LENGTH;
  out.push(interned ? -intern(key) - 1 : intern(key), interned ? intern(value) : value);
}

/**
 * Pairs back to KeyValues. Pairs whose key and value are both interned (status codes, scope names,
 * methods) come from `shared`, one read-only object per distinct pair for the whole trace: at 50,000
 * spans that is a few hundred objects instead of 100,000+, which the browser would have to collect.
 */
function unflattenPairs(flat: readonly (string | number | boolean)[], strings: readonly string[], shared?: Map<number, KeyValue>, from = 0, to = flat.length): KeyValue[] {
  const out: KeyValue[] = new Array<KeyValue>((to - from) >> 1);
  for (let k = 0; k < out.length; k++) {
    const key = flat[from + 2 * k] as number;
    const value = flat[from + 2 * k + 1]!;
    if (key >= 0) out[k] = { key: strings[key]!, value };
    else if (!shared) out[k] = { key: strings[-key - 1]!, value: strings[value as number]! };
    else {
      const id = (-key - 1) * strings.length + (value as number);
      let kv = shared.get(id);
      if (!kv) shared.set(id, (kv = { key: strings[-key - 1]!, value: strings[value as number]! }));
      out[k] = kv;
    }
  }
  return out;
}

/** Processes are identified by service plus resource; spans of one process share one entry. */
function processKey(span: Span): string {
  let key = span.service;
  for (const kv of span.resource) key += `\u0000${kv.key}\u0001${typeof kv.value}\u0001${String(kv.value)}`;
  return key;
}

/**
 * Assigns each span's (service, resource) its process entry. Spans converted from one Jaeger
 * process share one resource array, so the lookup by identity skips building the string key.
 */
function createProcessIndex(processes: CompactTrace['processes']): (span: Span) => number {
  const byKey = new Map<string, number>();
  const byResource = new Map<KeyValue[], number>();
  return (s) => {
    const known = byResource.get(s.resource);
    if (known !== undefined && processes[known]![0] === s.service) return known;
    const key = processKey(s);
    let proc = byKey.get(key);
    if (proc === undefined) {
      proc = processes.length;
      byKey.set(key, proc);
      processes.push([s.service, s.resource.map((kv) => [kv.key, kv.value])]);
    }
    if (known === undefined) byResource.set(s.resource, proc);
    return proc;
  };
}

function hasDefaultLinks(s: Span): boolean {
  if (s.parentSpanId === null) return s.links.length === 0;
  if (s.links.length !== 1) return false;
  const l = s.links[0]!;
  return l.type === 'child_of' && l.spanId === s.parentSpanId && l.traceId === s.traceId;
}

/** Encodes a trace into the compact wire format, in one pass over its spans. */
export function toCompactTrace(trace: Trace): CompactTrace {
  const { strings, intern } = createStringTable();
  const n = trace.spans.length;
  const base = trace.startMicros;
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!firstIndex.has(trace.spans[i]!.spanId)) firstIndex.set(trace.spans[i]!.spanId, i);

  const out: CompactTrace = {
    v: 2, traceId: trace.traceId, startMicros: base, durationMicros: trace.durationMicros, warnings: trace.warnings,
    strings, processes: [], spanIds: new Array<string>(n), parents: new Array<number>(n), processOf: new Array<number>(n),
    operations: new Array<number>(n), starts: new Array<number>(n), durations: new Array<number>(n), flags: new Array<number>(n),
    attributes: [], attributeEnds: new Array<number>(n), missingParents: [], events: [], links: [], spanWarnings: [], foreignTraceIds: [],
  };
  const indexProcess = createProcessIndex(out.processes);
  for (let i = 0; i < n; i++) {
    const s = trace.spans[i]!;
    const proc = indexProcess(s);
    out.spanIds[i] = s.spanId;
    const p = s.parentSpanId === null ? undefined : firstIndex.get(s.parentSpanId);
    out.parents[i] = s.parentSpanId === null ? NO_PARENT : (p ?? MISSING_PARENT);
    if (s.parentSpanId !== null && p === undefined) out.missingParents.push([i, s.parentSpanId]);
    out.processOf[i] = proc;
    out.operations[i] = intern(s.operation);
    out.starts[i] = s.startMicros - base;
    out.durations[i] = s.durationMicros;
    out.flags[i] = (s.error ? FLAG_ERROR : 0) | (Math.max(0, KINDS.indexOf(s.kind)) << KIND_SHIFT);
    for (const kv of s.attributes) appendPair(out.attributes, kv.key, kv.value, intern);
    out.attributeEnds[i] = out.attributes.length;
    if (s.events.length) out.events.push([i, s.events.map((e) => [e.timeMicros - base, flattenPairs(e.fields, intern)])]);
    if (!hasDefaultLinks(s)) out.links.push([i, s.links.map((l) => [l.traceId, l.spanId, l.type === 'follows_from' ? 1 : 0])]);
    if (s.warnings.length) out.spanWarnings.push([i, s.warnings]);
    if (s.traceId !== trace.traceId) out.foreignTraceIds.push([i, s.traceId]);
  }
  return out;
}

/** Shared by every span without events or warnings (read-only by convention; 50,000 empty arrays cost MBs). */
const NONE: never[] = [];

/** The one-element "child of its parent" links of a span, shared by siblings in the trace's own trace id. */
function defaultLinks(cache: Map<number, Span['links']>, parent: number, traceId: string, parentSpanId: string, ownTraceId: string): Span['links'] {
  if (parent < 0 || traceId !== ownTraceId) return [{ traceId, spanId: parentSpanId, type: 'child_of' }];
  let links = cache.get(parent);
  if (!links) cache.set(parent, (links = [{ traceId, spanId: parentSpanId, type: 'child_of' }]));
  return links;
}

/** Decodes the compact wire format back into the neutral trace (spans of one process share its resource array). */
export function fromCompactTrace(c: CompactTrace): Trace {
  const n = c.spanIds.length;
  const base = c.startMicros;
  const { strings } = c;
  const processes = c.processes.map(([service, resource]) => ({ service, resource: resource.map(([key, value]) => ({ key, value })) }));
  const missing = new Map(c.missingParents);
  const events = new Map(c.events);
  const links = new Map(c.links);
  const warnings = new Map(c.spanWarnings);
  const foreign = new Map(c.foreignTraceIds);
  const spans: Span[] = new Array<Span>(n);
  const sharedPairs = new Map<number, KeyValue>();
  // Siblings share their (read-only) default link to the parent, as they share interned pairs.
  const linkToParent = new Map<number, Span['links']>();
  for (let i = 0; i < n; i++) {
    const p = c.parents[i]!;
    const parentSpanId = p >= 0 ? c.spanIds[p]! : p === MISSING_PARENT ? (missing.get(i) ?? null) : null;
    const traceId = foreign.get(i) ?? c.traceId;
    const proc = processes[c.processOf[i]!]!;
    const flags = c.flags[i]!;
    const ownLinks = links.get(i);
    spans[i] = {
      traceId,
      spanId: c.spanIds[i]!,
      parentSpanId,
      operation: strings[c.operations[i]!]!,
      service: proc.service,
      kind: KINDS[flags >> KIND_SHIFT] ?? 'unspecified',
      startMicros: (base + c.starts[i]!) as Micros,
      durationMicros: c.durations[i]! as Micros,
      attributes: unflattenPairs(c.attributes, strings, sharedPairs, i ? c.attributeEnds[i - 1]! : 0, c.attributeEnds[i]!),
      resource: proc.resource,
      events: (events.get(i) ?? NONE).map(([offset, fields]) => {
        const timeMicros = base + offset;
        return { t: asUnixMs(Math.floor(timeMicros / 1000)), timeMicros: timeMicros as Micros, fields: unflattenPairs(fields, strings) };
      }),
      links: ownLinks
        ? ownLinks.map(([lt, ls, ff]) => ({ traceId: lt, spanId: ls, type: ff ? ('follows_from' as const) : ('child_of' as const) }))
        : parentSpanId === null ? NONE : defaultLinks(linkToParent, p, traceId, parentSpanId, c.traceId),
      error: (flags & FLAG_ERROR) !== 0,
      warnings: warnings.get(i) ?? NONE,
    };
  }
  const services = [...new Set(processes.map((pr) => pr.service))].sort();
  return { traceId: c.traceId, spans, services, startMicros: base as Micros, durationMicros: c.durationMicros as Micros, warnings: c.warnings };
}
