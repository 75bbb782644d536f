import type { Span, Trace } from '@/lib/datasources/types';

/**
 * The span tree of one trace, built once in O(n log n) (one sort by start, then linear passes) and
 * kept in flat typed arrays so that the waterfall can derive its visible rows without allocating
 * per row. Every span is addressed by its index in `spans`; nothing is ever dropped: spans whose
 * parent is missing (or that sit in a parent cycle) become flagged roots.
 */
export interface SpanTree {
  traceId: string;
  /** The trace's spans sorted by start time (ties keep upstream order). */
  spans: Span[];
  /** Span id → index of its first occurrence in `spans`. */
  indexById: Map<string, number>;
  /** Parent index, -1 for roots (true roots and orphans alike). */
  parent: Int32Array;
  /** Child indices per span, sorted by start. */
  children: number[][];
  /** 0 for roots. */
  depth: Int32Array;
  /** Root indices sorted by start: true roots and orphans. */
  roots: number[];
  /** 1 where the span names a parent that is not in the trace (or is in a parent cycle). */
  orphan: Uint8Array;
  /** Bit set of SKEW_* flags relative to the parent's interval. */
  skew: Uint8Array;
  /** Full pre-order (every span, ignoring collapse). */
  preorder: Int32Array;
  /** Position of each span in `preorder`. */
  preorderPos: Int32Array;
  /** Number of spans in each span's subtree, itself included. */
  subtreeSize: Int32Array;
  /** Index into `services` for each span. */
  serviceOf: Int32Array;
  /** Services sorted by name. */
  services: string[];
  /** Palette slot for each entry of `services`. */
  colorOf: Int32Array;
  /** Earliest start and latest end over all spans, microseconds since the epoch. */
  startMicros: number;
  endMicros: number;
}

/** The child starts before its parent: only clock skew between hosts explains that. */
export const SKEW_STARTS_BEFORE_PARENT = 1;
/** The child ends after its parent ends; normal for follows-from (async) children, skew otherwise. */
export const SKEW_ENDS_AFTER_PARENT = 2;

/** Number of distinct service colours; see SERVICE_COLORS in components. */
export const PALETTE_SIZE = 12;

/** Builds the span tree of a trace. */
export function buildSpanTree(trace: Trace): SpanTree {
  const n = trace.spans.length;
  const spans = sortByStart(trace.spans);
  const indexById = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = spans[i]!.spanId;
    if (!indexById.has(id)) indexById.set(id, i);
  }

  const parent = new Int32Array(n).fill(-1);
  const orphan = new Uint8Array(n);
  const children: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) children[i] = [];
  const roots: number[] = [];
  // Spans are visited in start order, so every children list comes out sorted by start.
  for (let i = 0; i < n; i++) {
    const pid = spans[i]!.parentSpanId;
    const p = pid === null ? undefined : indexById.get(pid);
    if (p === undefined || p === i) {
      if (pid !== null) orphan[i] = 1;
      roots.push(i);
    } else {
      parent[i] = p;
      children[p]!.push(i);
    }
  }

  const depth = new Int32Array(n);
  const preorder = new Int32Array(n);
  const preorderPos = new Int32Array(n).fill(-1);
  const subtreeSize = new Int32Array(n).fill(1);
  let filled = walkPreorder(roots, children, depth, preorder, preorderPos, 0);
  if (filled < n) filled = adoptCycles(spans, roots, parent, orphan, children, depth, preorder, preorderPos, filled);
  // Reverse pre-order visits children before parents: accumulate subtree sizes bottom-up.
  for (let k = n - 1; k >= 0; k--) {
    const i = preorder[k]!;
    const p = parent[i]!;
    if (p >= 0) subtreeSize[p]! += subtreeSize[i]!;
  }

  const skew = flagSkew(spans, parent);
  const { services, serviceOf, colorOf } = indexServices(spans);
  let startMicros = Infinity;
  let endMicros = -Infinity;
  for (const s of spans) {
    if (s.startMicros < startMicros) startMicros = s.startMicros;
    if (s.startMicros + s.durationMicros > endMicros) endMicros = s.startMicros + s.durationMicros;
  }
  if (n === 0) startMicros = endMicros = trace.startMicros;

  return {
    traceId: trace.traceId, spans, indexById, parent, children, depth, roots, orphan, skew,
    preorder, preorderPos, subtreeSize, serviceOf, services, colorOf, startMicros, endMicros,
  };
}

function sortByStart(input: Span[]): Span[] {
  // The trace view's decoder already hands spans over in start order: a linear check skips the sort.
  let sorted = true;
  for (let i = 1; i < input.length && sorted; i++) sorted = input[i - 1]!.startMicros <= input[i]!.startMicros;
  if (sorted) return input.slice();
  const order = input.map((_, i) => i);
  order.sort((a, b) => input[a]!.startMicros - input[b]!.startMicros || a - b);
  return order.map((i) => input[i]!);
}

/** Iterative DFS (deep traces must not overflow the stack); returns the next free pre-order slot. */
function walkPreorder(
  starts: number[], children: number[][], depth: Int32Array,
  preorder: Int32Array, preorderPos: Int32Array, from: number, baseDepth = 0,
): number {
  let k = from;
  const stack: number[] = [];
  for (let r = starts.length - 1; r >= 0; r--) stack.push(starts[r]!);
  for (const r of starts) depth[r] = baseDepth;
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (preorderPos[i] !== -1) continue;
    preorderPos[i] = k;
    preorder[k++] = i;
    const kids = children[i]!;
    for (let c = kids.length - 1; c >= 0; c--) {
      depth[kids[c]!] = depth[i]! + 1;
      stack.push(kids[c]!);
    }
  }
  return k;
}

/**
 * Spans unreachable from any root sit in a parent cycle (a→b→a). Break each cycle at its earliest
 * span, which becomes a flagged root, so that the whole cycle is still shown.
 */
function adoptCycles(
  spans: Span[], roots: number[], parent: Int32Array, orphan: Uint8Array, children: number[][],
  depth: Int32Array, preorder: Int32Array, preorderPos: Int32Array, filled: number,
): number {
  let k = filled;
  for (let i = 0; i < spans.length; i++) {
    if (preorderPos[i] !== -1) continue;
    const p = parent[i]!;
    const siblings = children[p]!;
    siblings.splice(siblings.indexOf(i), 1);
    parent[i] = -1;
    orphan[i] = 1;
    roots.push(i);
    k = walkPreorder([i], children, depth, preorder, preorderPos, k);
  }
  // Cycle roots stay after the others, matching their place in the pre-order.
  return k;
}

function flagSkew(spans: Span[], parent: Int32Array): Uint8Array {
  const skew = new Uint8Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const p = parent[i]!;
    if (p < 0) continue;
    const s = spans[i]!;
    const ps = spans[p]!;
    if (s.startMicros < ps.startMicros) skew[i]! |= SKEW_STARTS_BEFORE_PARENT;
    if (s.startMicros + s.durationMicros > ps.startMicros + ps.durationMicros) skew[i]! |= SKEW_ENDS_AFTER_PARENT;
  }
  return skew;
}

/** True when the span's reference to its parent is follows-from (an async child). */
export function isFollowsFrom(span: Span): boolean {
  if (span.parentSpanId === null) return false;
  for (const l of span.links) if (l.type === 'follows_from' && l.spanId === span.parentSpanId) return true;
  return false;
}

/**
 * A service's palette slot comes from a hash of its name, so a service keeps its colour across
 * traces; collisions inside one trace probe to the next free slot while slots remain.
 */
function indexServices(spans: Span[]) {
  const byName = new Map<string, number>();
  for (const s of spans) if (!byName.has(s.service)) byName.set(s.service, 0);
  const services = [...byName.keys()].sort();
  services.forEach((name, i) => byName.set(name, i));
  const serviceOf = new Int32Array(spans.length);
  for (let i = 0; i < spans.length; i++) serviceOf[i] = byName.get(spans[i]!.service)!;
  const colorOf = new Int32Array(services.length);
  const taken = new Uint8Array(PALETTE_SIZE);
  let used = 0;
  services.forEach((name, i) => {
    let slot = hashName(name) % PALETTE_SIZE;
    if (used < PALETTE_SIZE) while (taken[slot]) slot = (slot + 1) % PALETTE_SIZE;
    if (!taken[slot]) used++;
    taken[slot] = 1;
    colorOf[i] = slot;
  });
  return { services, serviceOf, colorOf };
}

/** FNV-1a, 32 bit: stable across runs and platforms. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The visible rows (span indices in pre-order), skipping the descendants of collapsed spans.
 * Cost is the number of visible rows plus one jump per collapsed span, not the trace size.
 */
export function listVisibleRows(tree: SpanTree, collapsed: ReadonlySet<string>): Int32Array {
  const n = tree.preorder.length;
  if (collapsed.size === 0) return tree.preorder;
  const out = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; ) {
    const i = tree.preorder[k]!;
    out[m++] = i;
    k += collapsed.has(tree.spans[i]!.spanId) ? tree.subtreeSize[i]! : 1;
  }
  return out.subarray(0, m);
}

/** Ids of every ancestor of a span, nearest first: expand these to reveal it. */
export function listAncestorIds(tree: SpanTree, index: number): string[] {
  const out: string[] = [];
  for (let p = tree.parent[index]!; p >= 0; p = tree.parent[p]!) out.push(tree.spans[p]!.spanId);
  return out;
}

export interface TraceStats {
  spanCount: number;
  services: { name: string; spanCount: number; colorSlot: number }[];
  /** Deepest nesting level, 1 for a trace of only roots. */
  depth: number;
  errorCount: number;
  orphanCount: number;
  skewCount: number;
  startMicros: number;
  durationMicros: number;
}

/** Summarises a built tree for the trace header. */
export function summarizeTree(tree: SpanTree): TraceStats {
  const perService = new Int32Array(tree.services.length);
  let depth = 0;
  let errorCount = 0;
  let orphanCount = 0;
  let skewCount = 0;
  for (let i = 0; i < tree.spans.length; i++) {
    perService[tree.serviceOf[i]!]!++;
    if (tree.depth[i]! + 1 > depth) depth = tree.depth[i]! + 1;
    if (tree.spans[i]!.error) errorCount++;
    orphanCount += tree.orphan[i]!;
    if (tree.skew[i]! & SKEW_STARTS_BEFORE_PARENT) skewCount++;
  }
  return {
    spanCount: tree.spans.length,
    services: tree.services.map((name, i) => ({ name, spanCount: perService[i]!, colorSlot: tree.colorOf[i]! })),
    depth, errorCount, orphanCount, skewCount,
    startMicros: tree.startMicros,
    durationMicros: tree.endMicros - tree.startMicros,
  };
}
