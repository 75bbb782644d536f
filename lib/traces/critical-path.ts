import { isFollowsFrom, type SpanTree } from './tree';

/** A stretch of time during which one span, and none of its children, held up the trace. */
export interface CriticalSegment {
  span: number;
  /** Microseconds since the epoch, start < end. */
  startMicros: number;
  endMicros: number;
}

export interface CriticalPath {
  /** Segments in time order; together they cover the trace's end-to-end latency except gaps between roots. */
  segments: CriticalSegment[];
  /** 1 for each span on the critical path. */
  onPath: Uint8Array;
  /** Segments per span, for drawing them on that span's row. */
  segmentsBySpan: Map<number, CriticalSegment[]>;
}

interface Frame {
  span: number;
  /** The span's interval, clamped into its parent's. */
  start: number;
  end: number;
  /** Time up to which this span is already accounted for: we walk backwards from its end. */
  cursor: number;
  /** Candidate children sorted by clamped end, latest first, and the next one to look at. */
  kids: Candidate[];
  next: number;
}

interface Candidate {
  span: number;
  start: number;
  end: number;
}

/**
 * Computes the critical path with the usual backward walk: from a span's end, take the child that
 * finished last before the cursor, recurse into it, move the cursor to that child's start, repeat;
 * time no child covers belongs to the span itself. Follows-from children (async work the parent
 * did not wait for) are skipped; children overflowing their parent are clamped to it, as are
 * children starting before it (clock skew). All roots, orphans included, are treated as children
 * of one virtual span covering the whole trace, so the path runs through the root that finished
 * last and then the roots that finished before it started.
 */
export function computeCriticalPath(tree: SpanTree): CriticalPath {
  const n = tree.spans.length;
  const onPath = new Uint8Array(n);
  const reversed: CriticalSegment[] = [];
  const stack: Frame[] = [];
  const virtual: Frame = {
    span: -1, start: tree.startMicros, end: tree.endMicros, cursor: tree.endMicros,
    kids: toCandidates(tree, tree.roots, tree.startMicros, tree.endMicros, false), next: 0,
  };
  stack.push(virtual);

  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    const child = takeLastFinishing(f);
    if (child) {
      if (f.span >= 0 && child.end < f.cursor) reversed.push({ span: f.span, startMicros: child.end, endMicros: f.cursor });
      f.cursor = child.start;
      onPath[child.span] = 1;
      stack.push({
        span: child.span, start: child.start, end: child.end, cursor: child.end,
        kids: toCandidates(tree, tree.children[child.span]!, child.start, child.end, true), next: 0,
      });
      continue;
    }
    if (f.span >= 0 && f.start < f.cursor) reversed.push({ span: f.span, startMicros: f.start, endMicros: f.cursor });
    stack.pop();
  }

  const segments = reversed.reverse();
  const segmentsBySpan = new Map<number, CriticalSegment[]>();
  for (const s of segments) {
    const list = segmentsBySpan.get(s.span);
    if (list) list.push(s);
    else segmentsBySpan.set(s.span, [s]);
  }
  return { segments, onPath, segmentsBySpan };
}

function toCandidates(tree: SpanTree, indices: number[], lo: number, hi: number, skipAsync: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const i of indices) {
    const s = tree.spans[i]!;
    if (skipAsync && isFollowsFrom(s)) continue;
    const start = Math.max(s.startMicros, lo);
    const end = Math.min(s.startMicros + s.durationMicros, hi);
    // A child that starts after its parent ended cannot have held the parent up.
    if (start > hi || end < lo) continue;
    out.push({ span: i, start, end });
  }
  // Latest end first; among equal ends the later start first (the shorter, blocking one).
  out.sort((a, b) => b.end - a.end || b.start - a.start);
  return out;
}

/** The cursor only moves back in time, so a child skipped once (ends after it) is never wanted again. */
function takeLastFinishing(f: Frame): Candidate | undefined {
  while (f.next < f.kids.length) {
    const c = f.kids[f.next++]!;
    if (c.end <= f.cursor) return c;
  }
  return undefined;
}
