'use client';

import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { Trace } from '@/lib/datasources/types';
import { buildSearchIndex, findInTrace } from '@/lib/traces/search-in-trace';
import { markTraceView } from '@/lib/traces/early-trace-view';
import { buildTraceModel } from '@/lib/traces/trace-model';
import { listAncestorIds, listVisibleRows } from '@/lib/traces/tree';
import { indexRows, toggleCollapsed } from '@/lib/traces/tree-navigation';

/**
 * The trace view's state: the model (built once per trace), collapsed spans, the visible rows,
 * the selection and find-in-trace. Selecting a span anywhere reveals it (expands its ancestors).
 */
export function useTraceViewState(trace: Trace, initialSpanId?: string, onSpanSelect?: (spanId: string | null) => void) {
  const model = useMemo(() => {
    const m = buildTraceModel(trace);
    markTraceView('model');
    return m;
  }, [trace]);
  const { tree } = model;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => listVisibleRows(tree, collapsed), [tree, collapsed]);
  const rowOf = useMemo(() => indexRows(tree.spans.length, rows), [tree, rows]);
  const [selected, setSelected] = useState<number | null>(() => (initialSpanId ? (tree.indexById.get(initialSpanId) ?? null) : null));

  const reveal = useCallback((span: number) => {
    const ancestors = listAncestorIds(tree, span);
    setCollapsed((prev) => {
      if (!ancestors.some((id) => prev.has(id))) return prev;
      const next = new Set(prev);
      for (const id of ancestors) next.delete(id);
      return next;
    });
  }, [tree]);

  const select = useCallback((span: number | null) => {
    setSelected(span);
    if (span !== null) reveal(span);
    onSpanSelect?.(span === null ? null : tree.spans[span]!.spanId);
  }, [reveal, onSpanSelect, tree]);

  const selectById = useCallback((spanId: string) => {
    const i = tree.indexById.get(spanId);
    if (i !== undefined) select(i);
  }, [tree, select]);

  const toggle = useCallback((spanId: string) => setCollapsed((prev) => toggleCollapsed(prev, spanId)), []);

  // Find: the index costs ~70 ms at 50,000 spans, so it is built on the first query, not on open.
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const wantsIndex = deferredQuery.trim().length > 0;
  const searchIndex = useMemo(() => (wantsIndex ? buildSearchIndex(tree) : null), [tree, wantsIndex]);
  const matches = useMemo(() => (searchIndex ? findInTrace(tree, searchIndex, deferredQuery) : []), [tree, searchIndex, deferredQuery]);
  const matchMask = useMemo(() => {
    if (!wantsIndex) return null;
    const mask = new Uint8Array(tree.spans.length);
    for (const i of matches) mask[i] = 1;
    return mask;
  }, [tree, matches, wantsIndex]);
  const [matchPos, setMatchPos] = useState(-1);
  const current = matchPos >= 0 && matchPos < matches.length ? matchPos : -1;

  const goToMatch = useCallback((step: 1 | -1) => {
    if (matches.length === 0) return;
    const next = current < 0 ? (step === 1 ? 0 : matches.length - 1) : (current + step + matches.length) % matches.length;
    setMatchPos(next);
    select(matches[next]!);
  }, [matches, current, select]);

  const changeQuery = useCallback((q: string) => {
    setQuery(q);
    setMatchPos(-1);
  }, []);

  return {
    model, collapsed, setCollapsed, rows, rowOf, selected, select, selectById, toggle,
    find: { query, changeQuery, matches, matchMask, current, currentSpan: current >= 0 ? matches[current]! : null, goToMatch },
  };
}
