import { describe, expect, it } from 'vitest';
import { makeFakeTrace } from './fake-trace';
import { buildSpanTree, listVisibleRows } from './tree';
import { collapseAtDepth, indexRows, navigateTree, toggleCollapsed } from './tree-navigation';

const tree = buildSpanTree(makeFakeTrace([
  { id: 'root', start: 0, duration: 100 },
  { id: 'a', parent: 'root', start: 10, duration: 20 },
  { id: 'a1', parent: 'a', start: 12, duration: 5 },
  { id: 'b', parent: 'root', start: 40, duration: 50 },
]));
const idx = (id: string) => tree.indexById.get(id)!;

function press(key: string, selectedId: string | null, collapsed = new Set<string>()) {
  const rows = listVisibleRows(tree, collapsed);
  const r = navigateTree(tree, rows, indexRows(tree.spans.length, rows), collapsed, selectedId === null ? null : idx(selectedId), key);
  if (!r) return null;
  return { select: r.select === undefined ? undefined : tree.spans[r.select]!.spanId, toggle: r.toggle };
}

describe('navigateTree', () => {
  it('moves between visible rows, skipping collapsed subtrees', () => {
    expect(press('ArrowDown', 'a')?.select).toBe('a1');
    expect(press('ArrowDown', 'a', new Set(['a']))?.select).toBe('b');
    expect(press('ArrowUp', 'root')?.select).toBe('root');
    expect(press('End', 'root')?.select).toBe('b');
  });

  it('starts at the first row when nothing is selected', () => {
    expect(press('ArrowDown', null)?.select).toBe('root');
  });

  it('toggles with Enter and Space only where there are children', () => {
    expect(press('Enter', 'a')?.toggle).toBe('a');
    expect(press(' ', 'a')?.toggle).toBe('a');
    expect(press('Enter', 'a1')).toBeNull();
  });

  it('uses Right to expand then descend, Left to collapse then ascend', () => {
    expect(press('ArrowRight', 'a', new Set(['a']))?.toggle).toBe('a');
    expect(press('ArrowRight', 'a')?.select).toBe('a1');
    expect(press('ArrowLeft', 'a')?.toggle).toBe('a');
    expect(press('ArrowLeft', 'a1')?.select).toBe('a');
  });
});

describe('collapse helpers', () => {
  it('toggles one span without touching the others', () => {
    const once = toggleCollapsed(new Set(['b']), 'a');
    expect([...once].sort()).toEqual(['a', 'b']);
    expect([...toggleCollapsed(once, 'a')]).toEqual(['b']);
  });

  it('collapses every parent at a level', () => {
    expect([...collapseAtDepth(tree, 1)]).toEqual(['a']);
  });
});
