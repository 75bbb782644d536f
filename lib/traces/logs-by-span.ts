import type { LogEntry } from '@/lib/datasources/types';
import type { SpanTree } from './tree';

/** Why a log line sits on the trace root rather than on its own span. */
export type Detachment = 'no-span-id' | 'unknown-span';

export interface SpanLog {
  entry: LogEntry;
  /** Index of the span the line belongs to; -1 only when the trace has no spans. */
  span: number;
  /** Set when the line could not be tied to its own span and was attached to the trace root. */
  detached: Detachment | null;
}

export interface TraceLogs {
  /** Every line of the trace in time order (nanosecond precision, ties by id). */
  lines: SpanLog[];
  /** Span index → positions in `lines`, in time order. */
  linesBySpan: Map<number, number[]>;
  /** Lines that could not be tied to their span. */
  detachedCount: number;
}

/** Compares decimal nanosecond strings without losing precision to a double. */
export function compareNanos(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Epoch nanoseconds as a decimal string → epoch microseconds (exact: micros fit in a double). */
export function nanosToMicros(ns: string): number {
  return ns.length <= 3 ? 0 : Number(ns.slice(0, -3));
}

/** Span ids from logs and from Jaeger may differ in case; compare them lower-cased. */
function normalizeSpanId(id: string): string {
  return id.trim().toLowerCase();
}

/** The root lines without a span attach to: the earliest true root, else the earliest root. */
function pickAnchor(tree: SpanTree): number {
  for (const r of tree.roots) if (!tree.orphan[r]) return r;
  return tree.roots[0] ?? -1;
}

/** Ties a trace's log lines to its spans, sorted by time, with the inverse span → lines lookup. */
export function tieLogsToSpans(tree: SpanTree, entries: LogEntry[]): TraceLogs {
  const byLowerId = new Map<string, number>();
  for (const [id, i] of tree.indexById) byLowerId.set(normalizeSpanId(id), i);
  const anchor = pickAnchor(tree);

  const sorted = [...entries].sort((a, b) => compareNanos(a.ns, b.ns) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines: SpanLog[] = new Array<SpanLog>(sorted.length);
  const linesBySpan = new Map<number, number[]>();
  let detachedCount = 0;
  sorted.forEach((entry, pos) => {
    const own = entry.spanId ? byLowerId.get(normalizeSpanId(entry.spanId)) : undefined;
    const detached: Detachment | null = own !== undefined ? null : entry.spanId ? 'unknown-span' : 'no-span-id';
    const span = own ?? anchor;
    if (detached) detachedCount++;
    lines[pos] = { entry, span, detached };
    if (span < 0) return;
    const list = linesBySpan.get(span);
    if (list) list.push(pos);
    else linesBySpan.set(span, [pos]);
  });
  return { lines, linesBySpan, detachedCount };
}
