import type { KeyValue, Micros, Span, SpanKind, Trace, TraceSummary } from '../types';
import { asUnixMs } from '../types';
import type { JaegerKeyValue, JaegerSpanWire, JaegerTraceWire } from './schemas';
import { plural } from '@/lib/text/plural';

const micros = (n: number) => n as Micros; // Jaeger's internal API speaks microseconds throughout
const KINDS: SpanKind[] = ['client', 'server', 'producer', 'consumer', 'internal'];

const toKeyValues = (tags: JaegerKeyValue[] | null): KeyValue[] => (tags ?? []).map((t) => ({ key: t.key, value: t.value }));

function toKind(tags: KeyValue[]): SpanKind {
  const v = tags.find((t) => t.key === 'span.kind')?.value;
  return KINDS.find((k) => k === v) ?? 'unspecified';
}

function isError(tags: KeyValue[]): boolean {
  return tags.some((t) => (t.key === 'error' && (t.value === true || t.value === 'true')) || (t.key === 'otel.status_code' && t.value === 'ERROR'));
}

/** Spans of one process share one resource array (read-only by convention): 50,000 copies would cost MBs. */
function resourceOf(processId: string, tags: JaegerKeyValue[] | null, cache: Map<string, KeyValue[]>): KeyValue[] {
  let r = cache.get(processId);
  if (!r) cache.set(processId, (r = toKeyValues(tags)));
  return r;
}

function toSpan(w: JaegerSpanWire, trace: JaegerTraceWire, resources: Map<string, KeyValue[]>): Span {
  const refs = w.references ?? [];
  const parent = refs.find((r) => r.refType === 'CHILD_OF' && r.traceID === w.traceID) ?? refs.find((r) => r.traceID === w.traceID);
  const attributes = toKeyValues(w.tags);
  const process = trace.processes[w.processID];
  return {
    traceId: w.traceID,
    spanId: w.spanID,
    parentSpanId: parent?.spanID ?? null,
    operation: w.operationName,
    service: process?.serviceName ?? 'unknown',
    kind: toKind(attributes),
    startMicros: micros(w.startTime),
    durationMicros: micros(w.duration),
    attributes,
    resource: resourceOf(w.processID, process?.tags ?? [], resources),
    events: (w.logs ?? []).map((l) => ({ t: asUnixMs(Math.floor(l.timestamp / 1000)), timeMicros: micros(l.timestamp), fields: toKeyValues(l.fields) })),
    links: refs.map((r) => ({ traceId: r.traceID, spanId: r.spanID, type: r.refType === 'CHILD_OF' ? 'child_of' : 'follows_from' })),
    error: isError(attributes),
    warnings: [...(w.warnings ?? [])],
  };
}

/** A span's warning when its parent is not in the trace. */
export const missingParentWarning = (parentSpanId: string) => `parent span ${parentSpanId} not in trace`;

/** The trace's warning for its orphans (spans whose parent is not in it). */
export const orphansWarning = (count: number) => `${plural(count, 'span')} whose parent is not in the trace`;

/** Appends clock-skew warnings for a child starting before or ending after its parent (all in µs). */
export function pushSkewWarnings(out: string[], start: number, duration: number, parentStart: number, parentDuration: number): void {
  const early = parentStart - start;
  const late = start + duration - (parentStart + parentDuration);
  if (early > 0) out.push(`clock skew: starts ${early} µs before its parent`);
  if (late > 0) out.push(`clock skew: ends ${late} µs after its parent`);
}

/**
 * A Jaeger trace to the neutral trace. Orphans (parent not in the trace) are kept and flagged;
 * a child starting before or ending after its parent is flagged as clock skew (Jaeger's own
 * adjuster may be off, so the UI is told rather than shown impossible bars silently).
 */
export function toTrace(wire: JaegerTraceWire): Trace {
  const resources = new Map<string, KeyValue[]>();
  const spans = wire.spans.map((s) => toSpan(s, wire, resources));
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  let orphans = 0;
  for (const s of spans) {
    if (!s.parentSpanId) continue;
    const p = byId.get(s.parentSpanId);
    if (!p) {
      orphans++;
      s.warnings.push(missingParentWarning(s.parentSpanId));
      continue;
    }
    if (!s.links.some((l) => l.spanId === p.spanId && l.type === 'child_of')) continue;
    pushSkewWarnings(s.warnings, s.startMicros, s.durationMicros, p.startMicros, p.durationMicros);
  }
  spans.sort((a, b) => a.startMicros - b.startMicros);
  // A loop, not Math.min(...spans): spreading 100,000+ arguments overflows the stack.
  let start = spans.length ? Infinity : 0;
  let end = spans.length ? -Infinity : 0;
  for (const s of spans) {
    if (s.startMicros < start) start = s.startMicros;
    if (s.startMicros + s.durationMicros > end) end = s.startMicros + s.durationMicros;
  }
  const warnings = [...(wire.warnings ?? [])];
  if (orphans) warnings.push(orphansWarning(orphans));
  return { traceId: wire.traceID, spans, services: [...new Set(spans.map((s) => s.service))].sort(), startMicros: micros(start), durationMicros: micros(end - start), warnings };
}

/** One search result row: root, counts per service, errors, start and duration. */
export function toTraceSummary(wire: JaegerTraceWire): TraceSummary {
  const t = toTrace(wire);
  const ids = new Set(t.spans.map((s) => s.spanId));
  const root = t.spans.find((s) => !s.parentSpanId) ?? t.spans.find((s) => !ids.has(s.parentSpanId ?? '')) ?? t.spans[0];
  const counts = new Map<string, number>();
  for (const s of t.spans) counts.set(s.service, (counts.get(s.service) ?? 0) + 1);
  return {
    traceId: t.traceId,
    rootService: root?.service ?? 'unknown',
    rootOperation: root?.operation ?? 'unknown',
    spanCount: t.spans.length,
    errorCount: t.spans.filter((s) => s.error).length,
    services: [...counts].map(([name, spanCount]) => ({ name, spanCount })).sort((a, b) => a.name.localeCompare(b.name)),
    startMicros: t.startMicros,
    durationMicros: t.durationMicros,
  };
}
