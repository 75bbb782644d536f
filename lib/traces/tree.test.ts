import { describe, expect, it } from 'vitest';
import { makeFakeTrace } from './fake-trace';
import {
  buildSpanTree, listAncestorIds, listVisibleRows, summarizeTree,
  SKEW_ENDS_AFTER_PARENT, SKEW_STARTS_BEFORE_PARENT, type SpanTree,
} from './tree';

const ids = (tree: SpanTree, rows: ArrayLike<number>) => Array.from(rows, (i) => tree.spans[i]!.spanId);

// root ─┬─ a ── a1
//       └─ b ─┬─ b1
//             └─ b2
// Listed out of order on purpose: upstream order must not matter.
const nested = makeFakeTrace([
  { id: 'b2', parent: 'b', start: 60, duration: 10 },
  { id: 'a1', parent: 'a', start: 15, duration: 5, service: 'db' },
  { id: 'b', parent: 'root', start: 40, duration: 50, service: 'pay', error: true },
  { id: 'root', start: 0, duration: 100, service: 'gw' },
  { id: 'a', parent: 'root', start: 10, duration: 20, service: 'auth' },
  { id: 'b1', parent: 'b', start: 45, duration: 10, service: 'pay', error: true },
]);

describe('buildSpanTree', () => {
  it('orders rows depth-first with children by start time', () => {
    const tree = buildSpanTree(nested);
    expect(ids(tree, tree.preorder)).toEqual(['root', 'a', 'a1', 'b', 'b1', 'b2']);
    expect(ids(tree, tree.preorder).map((id) => tree.depth[tree.indexById.get(id)!])).toEqual([0, 1, 2, 1, 2, 2]);
    expect(tree.subtreeSize[tree.indexById.get('b')!]).toBe(3);
  });

  it('keeps spans whose parent is missing as flagged roots', () => {
    const tree = buildSpanTree(makeFakeTrace([
      { id: 'root', start: 0, duration: 100 },
      { id: 'x', parent: 'gone', start: 50, duration: 10 },
      { id: 'x1', parent: 'x', start: 52, duration: 2 },
    ]));
    expect(ids(tree, tree.roots)).toEqual(['root', 'x']);
    expect(tree.orphan[tree.indexById.get('x')!]).toBe(1);
    expect(tree.orphan[tree.indexById.get('root')!]).toBe(0);
    expect(ids(tree, tree.preorder)).toEqual(['root', 'x', 'x1']);
  });

  it('shows every span of a parent cycle instead of losing it', () => {
    const tree = buildSpanTree(makeFakeTrace([
      { id: 'root', start: 0, duration: 100 },
      { id: 'p', parent: 'q', start: 10, duration: 10 },
      { id: 'q', parent: 'p', start: 20, duration: 10 },
    ]));
    expect(ids(tree, tree.preorder).sort()).toEqual(['p', 'q', 'root']);
    expect(tree.orphan[tree.indexById.get('p')!]).toBe(1);
    expect(tree.depth[tree.indexById.get('q')!]).toBe(1);
  });

  it('flags children outside their parent interval', () => {
    const tree = buildSpanTree(makeFakeTrace([
      { id: 'root', start: 100, duration: 100 },
      { id: 'early', parent: 'root', start: 90, duration: 20 },
      { id: 'late', parent: 'root', start: 150, duration: 100 },
      { id: 'inside', parent: 'root', start: 120, duration: 10 },
    ]));
    expect(tree.skew[tree.indexById.get('early')!]).toBe(SKEW_STARTS_BEFORE_PARENT);
    expect(tree.skew[tree.indexById.get('late')!]).toBe(SKEW_ENDS_AFTER_PARENT);
    expect(tree.skew[tree.indexById.get('inside')!]).toBe(0);
  });

  it('gives each service of a trace its own palette slot, the same in every trace', () => {
    const tree = buildSpanTree(nested);
    expect(new Set(tree.colorOf).size).toBe(tree.services.length);
    const other = buildSpanTree(makeFakeTrace([{ id: 'r', start: 0, duration: 1, service: 'gw' }]));
    expect(other.colorOf[0]).toBe(tree.colorOf[tree.services.indexOf('gw')]);
  });
});

describe('listVisibleRows', () => {
  it('hides the descendants of collapsed spans only', () => {
    const tree = buildSpanTree(nested);
    expect(ids(tree, listVisibleRows(tree, new Set(['a'])))).toEqual(['root', 'a', 'b', 'b1', 'b2']);
    expect(ids(tree, listVisibleRows(tree, new Set(['a', 'b'])))).toEqual(['root', 'a', 'b']);
    expect(ids(tree, listVisibleRows(tree, new Set(['root', 'b'])))).toEqual(['root']);
    expect(ids(tree, listVisibleRows(tree, new Set()))).toHaveLength(6);
  });

  it('names the ancestors to expand to reveal a span', () => {
    const tree = buildSpanTree(nested);
    expect(listAncestorIds(tree, tree.indexById.get('b2')!)).toEqual(['b', 'root']);
  });
});

describe('summarizeTree', () => {
  it('counts services, depth, errors and the trace duration', () => {
    const stats = summarizeTree(buildSpanTree(nested));
    expect(stats.spanCount).toBe(6);
    expect(stats.depth).toBe(3);
    expect(stats.errorCount).toBe(2);
    expect(stats.durationMicros).toBe(100);
    expect(stats.services.find((s) => s.name === 'pay')?.spanCount).toBe(2);
  });
});
