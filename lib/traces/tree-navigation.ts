import type { SpanTree } from './tree';

/** What a key press in the waterfall asks for: a new selection and/or a collapse toggle. */
export interface NavigationResult {
  select?: number;
  toggle?: string;
}

/** Position of each span among the visible rows, -1 where hidden. */
export function indexRows(spanCount: number, rows: ArrayLike<number>): Int32Array {
  const rowOf = new Int32Array(spanCount).fill(-1);
  for (let r = 0; r < rows.length; r++) rowOf[rows[r]!] = r;
  return rowOf;
}

/**
 * Tree-view keyboard behaviour (WAI-ARIA tree pattern): Up/Down move between visible rows,
 * Home/End jump, PageUp/PageDown move by `pageRows`, Right expands or enters the first child,
 * Left collapses or goes to the parent, Enter/Space toggle. Returns null for keys it ignores.
 */
export function navigateTree(
  tree: SpanTree, rows: ArrayLike<number>, rowOf: Int32Array, collapsed: ReadonlySet<string>,
  selected: number | null, key: string, pageRows = 20,
): NavigationResult | null {
  const last = rows.length - 1;
  if (last < 0) return null;
  const row = selected === null ? -1 : rowOf[selected]!;
  const at = (r: number): NavigationResult => ({ select: rows[Math.min(Math.max(r, 0), last)]! });
  if (row < 0) return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(key) ? at(key === 'End' ? last : 0) : null;
  const span = selected!;
  const id = tree.spans[span]!.spanId;
  const hasKids = tree.children[span]!.length > 0;
  const isCollapsed = collapsed.has(id);
  switch (key) {
    case 'ArrowDown': return at(row + 1);
    case 'ArrowUp': return at(row - 1);
    case 'Home': return at(0);
    case 'End': return at(last);
    case 'PageDown': return at(row + pageRows);
    case 'PageUp': return at(row - pageRows);
    case 'Enter':
    case ' ':
      return hasKids ? { toggle: id } : null;
    case 'ArrowRight':
      if (!hasKids) return null;
      return isCollapsed ? { toggle: id } : { select: tree.children[span]![0]! };
    case 'ArrowLeft': {
      if (hasKids && !isCollapsed) return { toggle: id };
      const p = tree.parent[span]!;
      return p >= 0 ? { select: p } : null;
    }
    default:
      return null;
  }
}

/** Returns a new collapsed set with `spanId` toggled (sets are treated as immutable state). */
export function toggleCollapsed(collapsed: ReadonlySet<string>, spanId: string): Set<string> {
  const next = new Set(collapsed);
  if (!next.delete(spanId)) next.add(spanId);
  return next;
}

/** Collapses every span with children at `depth` (0 collapses the roots), for "collapse to level". */
export function collapseAtDepth(tree: SpanTree, depth: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tree.spans.length; i++) {
    if (tree.depth[i] === depth && tree.children[i]!.length > 0) out.add(tree.spans[i]!.spanId);
  }
  return out;
}
