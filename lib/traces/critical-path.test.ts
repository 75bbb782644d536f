import { describe, expect, it } from 'vitest';
import { computeCriticalPath } from './critical-path';
import { makeFakeTrace, type FakeSpan } from './fake-trace';
import { buildSpanTree } from './tree';

/** The path as "span:start-end" strings in time order, readable in failures. */
function pathOf(specs: FakeSpan[]): string[] {
  const tree = buildSpanTree(makeFakeTrace(specs));
  return computeCriticalPath(tree).segments.map((s) => `${tree.spans[s.span]!.spanId}:${s.startMicros}-${s.endMicros}`);
}

describe('computeCriticalPath', () => {
  it('runs through sequential children and the parent time between them', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'a', parent: 'root', start: 10, duration: 30 },
      { id: 'b', parent: 'root', start: 40, duration: 50 },
    ])).toEqual(['root:0-10', 'a:10-40', 'b:40-90', 'root:90-100']);
  });

  it('follows the child that finished last when children overlap', () => {
    // Parallel calls: "slow" ends last and holds the root up; "fast" overlaps it and is hidden.
    const path = pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'fast', parent: 'root', start: 10, duration: 20 },
      { id: 'slow', parent: 'root', start: 5, duration: 85 },
    ]);
    expect(path).toEqual(['root:0-5', 'slow:5-90', 'root:90-100']);
  });

  it('walks into grandchildren', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'a', parent: 'root', start: 10, duration: 80 },
      { id: 'db', parent: 'a', start: 20, duration: 60 },
    ])).toEqual(['root:0-10', 'a:10-20', 'db:20-80', 'a:80-90', 'root:90-100']);
  });

  it('clamps a child that outlives its parent to the parent end', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'a', parent: 'root', start: 50, duration: 200 },
    ])).toEqual(['root:0-50', 'a:50-100']);
  });

  it('leaves out follows-from children the parent did not wait for', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'sync', parent: 'root', start: 10, duration: 20 },
      { id: 'async', parent: 'root', start: 40, duration: 500, followsFrom: true },
    ])).toEqual(['root:0-10', 'sync:10-30', 'root:30-100']);
  });

  it('drops children that start after their parent ended', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'after', parent: 'root', start: 150, duration: 20 },
    ])).toEqual(['root:0-100']);
  });

  it('links roots and orphans: the last to finish, then those that ended before it began', () => {
    expect(pathOf([
      { id: 'root', start: 0, duration: 100 },
      { id: 'orphan', parent: 'missing', start: 120, duration: 80 },
      { id: 'o1', parent: 'orphan', start: 130, duration: 30 },
    ])).toEqual(['root:0-100', 'orphan:120-130', 'o1:130-160', 'orphan:160-200']);
  });

  it('marks exactly the spans on the path', () => {
    const tree = buildSpanTree(makeFakeTrace([
      { id: 'root', start: 0, duration: 100 },
      { id: 'fast', parent: 'root', start: 10, duration: 20 },
      { id: 'slow', parent: 'root', start: 5, duration: 85 },
    ]));
    const cp = computeCriticalPath(tree);
    const marked = tree.spans.filter((_, i) => cp.onPath[i]).map((s) => s.spanId).sort();
    expect(marked).toEqual(['root', 'slow']);
    expect(cp.segmentsBySpan.get(tree.indexById.get('root')!)).toHaveLength(2);
  });
});
