import type { KeyValue, Micros, Span, SpanKind, Trace } from '@/lib/datasources/types';
import { createSeededRandom } from '../lib/seeded-random';

/** Options for one synthetic trace; every random choice derives from `seed`. */
export interface SyntheticTraceOptions {
  spanCount: number;
  seed?: number;
  /** Start of the root span, epoch milliseconds (default: now minus the trace duration). */
  startMs?: number;
  /** Root span duration in milliseconds (default 2,000 plus 0.05 ms per span). */
  durationMs?: number;
  /** Deepest nesting level (default 6 to 12, picked by the seed). */
  maxDepth?: number;
}

const SERVICES: Record<string, string[]> = {
  gateway: ['GET /api/checkout', 'POST /api/cart', 'GET /api/products'],
  checkout: ['PlaceOrder', 'ValidateCart', 'ComputeTotals'],
  payment: ['Charge', 'Authorize', 'Refund'],
  cart: ['GetCart', 'AddItem', 'redis GET', 'redis SET'],
  inventory: ['Reserve', 'CheckStock', 'SELECT stock'],
  shipping: ['Quote', 'CreateLabel'],
  pricing: ['PriceItems', 'ApplyDiscounts', 'SELECT prices'],
  notification: ['SendEmail', 'kafka publish'],
};
const SERVICE_NAMES = Object.keys(SERVICES);

function makeHex(random: () => number, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) s += Math.floor(random() * 16).toString(16);
  return s === '0'.repeat(chars) ? makeHex(random, chars) : s;
}

interface Node {
  parent: number;
  depth: number;
  service: string;
  children: number[];
  start: number;
  duration: number;
}

/**
 * Generates a realistic trace of `spanCount` spans: several services, depth up to 6-12, parallel
 * and sequential fan-out, about 2% error spans, one orphan per ~2,000 spans (parent id absent from
 * the trace) and a few children shifted before their parent (clock skew).
 */
export function generateSyntheticTrace(options: SyntheticTraceOptions): Trace {
  const n = Math.max(1, Math.floor(options.spanCount));
  const random = createSeededRandom(options.seed ?? 1);
  const maxDepth = options.maxDepth ?? 6 + Math.floor(random() * 7);
  const durationMicros = Math.round((options.durationMs ?? 2000 + n * 0.05) * 1000);
  const startMicros = Math.round((options.startMs ?? Date.now() - durationMicros / 1000 - 1000) * 1000);
  const nodes = buildShape(n, maxDepth, random);
  placeInTime(nodes, startMicros, durationMicros, random);

  const traceId = makeHex(random, 32);
  const spanIds = nodes.map(() => makeHex(random, 16));
  const orphanEvery = 2000;
  const spans: Span[] = nodes.map((node, i) => {
    const orphan = i > 0 && i % orphanEvery === 0;
    const parentSpanId = node.parent < 0 ? null : orphan ? makeHex(random, 16) : spanIds[node.parent]!;
    const ops = SERVICES[node.service]!;
    const error = i > 0 && random() < 0.02;
    const attributes: KeyValue[] = [
      { key: 'span.index', value: i },
      { key: 'http.status_code', value: error ? 500 + Math.floor(random() * 4) : 200 },
    ];
    if (i === 0) attributes.push({ key: 'correlation_id', value: `corr-${traceId.slice(0, 12)}` });
    const kind: SpanKind = node.parent < 0 ? 'server' : nodes[node.parent]!.service !== node.service ? 'server' : 'internal';
    return {
      traceId, spanId: spanIds[i]!, parentSpanId,
      operation: ops[Math.floor(random() * ops.length)]!,
      service: node.service, kind,
      startMicros: node.start as Micros, durationMicros: node.duration as Micros,
      attributes, resource: [{ key: 'service.name', value: node.service }, { key: 'host.name', value: `${node.service}-1` }],
      events: [], links: [], error, warnings: [],
    };
  });
  return {
    traceId, spans, services: SERVICE_NAMES.filter((s) => nodes.some((n) => n.service === s)),
    startMicros: startMicros as Micros, durationMicros: durationMicros as Micros, warnings: [],
  };
}

/** Attaches each new span under a recent span (which grows depth) or, at times, any earlier one. */
function buildShape(n: number, maxDepth: number, random: () => number): Node[] {
  const nodes: Node[] = [{ parent: -1, depth: 0, service: 'gateway', children: [], start: 0, duration: 0 }];
  for (let i = 1; i < n; i++) {
    let p = random() < 0.7 ? Math.max(0, i - 1 - Math.floor(random() * 8)) : Math.floor(random() * i);
    while (nodes[p]!.depth >= maxDepth - 1) p = nodes[p]!.parent;
    const parent = nodes[p]!;
    const service = random() < 0.4 ? SERVICE_NAMES[1 + Math.floor(random() * (SERVICE_NAMES.length - 1))]! : parent.service;
    nodes.push({ parent: p, depth: parent.depth + 1, service, children: [], start: 0, duration: 0 });
    parent.children.push(i);
  }
  return nodes;
}

/** Top-down: children run one after another in their parent's interval, or in parallel. */
function placeInTime(nodes: Node[], start: number, duration: number, random: () => number): void {
  nodes[0]!.start = start;
  nodes[0]!.duration = duration;
  for (const node of nodes) {
    const k = node.children.length;
    if (k === 0) continue;
    const parallel = random() < 0.3;
    const slot = node.duration / k;
    node.children.forEach((c, j) => {
      const child = nodes[c]!;
      if (parallel) {
        child.start = node.start + Math.floor(random() * node.duration * 0.2);
        child.duration = Math.max(1, Math.floor((node.start + node.duration - child.start) * (0.3 + random() * 0.65)));
      } else {
        child.start = node.start + Math.floor(j * slot + slot * 0.05);
        child.duration = Math.max(1, Math.floor(slot * (0.6 + random() * 0.35)));
      }
      // About one span in 5,000 reports a start before its parent's: clock skew between hosts.
      if (random() < 0.0002) child.start -= Math.max(1, Math.floor(child.duration * 0.3));
    });
  }
}
