/**
 * Times the trace view's pure work (tree, critical path, find index, one find) on synthetic traces
 * of 1k/10k/50k spans, in Node: the medians of 7 runs, in milliseconds.
 *
 *   tsx scripts/bench/trace-model.ts
 */
import { performance } from 'node:perf_hooks';
import { computeCriticalPath } from '@/lib/traces/critical-path';
import { buildSearchIndex, findInTrace } from '@/lib/traces/search-in-trace';
import { buildSpanTree, listVisibleRows } from '@/lib/traces/tree';
import { generateSyntheticTrace } from './synthetic-trace';

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

for (const n of [1_000, 10_000, 50_000]) {
  const trace = generateSyntheticTrace({ spanCount: n, seed: 11 });
  const cols: Record<string, number[]> = { tree: [], criticalPath: [], searchIndex: [], find: [], collapse: [] };
  for (let r = 0; r < RUNS; r++) {
    let tree = buildSpanTree(trace);
    cols.tree!.push(time(() => { tree = buildSpanTree(trace); }));
    cols.criticalPath!.push(time(() => computeCriticalPath(tree)));
    let index = buildSearchIndex(tree);
    cols.searchIndex!.push(time(() => { index = buildSearchIndex(tree); }));
    cols.find!.push(time(() => findInTrace(tree, index, 'payment 500')));
    const collapsed = new Set(tree.children.flatMap((kids, i) => (tree.depth[i] === 2 && kids.length ? [tree.spans[i]!.spanId] : [])));
    cols.collapse!.push(time(() => listVisibleRows(tree, collapsed)));
  }
  const row = Object.entries(cols).map(([k, v]) => `${k}=${median(v).toFixed(1)}ms`).join(' ');
  process.stdout.write(`${n} spans: ${row}\n`);
}
