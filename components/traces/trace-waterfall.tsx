'use client';

import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TraceModel } from '@/lib/traces/trace-model';
import { computeTicks } from '@/lib/traces/time-scale';
import { navigateTree } from '@/lib/traces/tree-navigation';
import { RULER_HEIGHT, TickLines, TimeRuler } from './time-ruler';
import type { ViewportStore } from './viewport-store';
import { ROW_HEIGHT, WaterfallRow, type MatchState } from './waterfall-row';

/** Imperative control the minimap uses to scroll the waterfall. */
export interface WaterfallControl {
  scrollToFraction: (fraction: number) => void;
}

interface TraceWaterfallProps {
  model: TraceModel;
  /** Visible rows (span indices in pre-order) and each span's row, -1 when hidden. */
  rows: ArrayLike<number>;
  rowOf: Int32Array;
  collapsed: ReadonlySet<string>;
  selected: number | null;
  /** Per span: 1 when it matches the find query; null when there is no query. */
  matches: Uint8Array | null;
  currentMatch: number | null;
  onSelect: (span: number) => void;
  onToggle: (spanId: string) => void;
  viewport: ViewportStore;
  controlRef?: RefObject<WaterfallControl | null>;
  /** DOM id of the scrolling tree, for the minimap's aria-controls. */
  id?: string;
  /** CSS height of the scrolling area. */
  height?: string;
}

/**
 * The virtualized waterfall: a sticky time ruler and only the rows in view (plus a small
 * overscan) are in the DOM. Keyboard focus stays on the tree; the selected row is announced
 * through aria-activedescendant and kept in view.
 */
export function TraceWaterfall(props: TraceWaterfallProps) {
  const { model, rows, rowOf, collapsed, selected, matches, currentMatch, onSelect, onToggle, viewport, controlRef } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const domPrefix = useId();
  const ticks = useMemo(() => computeTicks(model.tree.endMicros - model.tree.startMicros, 6), [model]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky ruler sits above the rows inside the same scroller: the list starts below it,
    // and a row scrolled into view must not hide under it.
    scrollMargin: RULER_HEIGHT,
    scrollPaddingStart: RULER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();

  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    viewport.set({ first, last, total: rows.length });
  }, [viewport, first, last, rows.length]);

  useImperativeHandle(controlRef, () => ({
    scrollToFraction: (fraction) => {
      const el = scrollRef.current;
      if (!el) return;
      const target = fraction * virtualizer.getTotalSize() - (el.clientHeight - RULER_HEIGHT) / 2;
      el.scrollTop = Math.max(0, target);
    },
  }), [virtualizer]);

  const selectedRow = selected === null ? -1 : rowOf[selected]!;
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const r = navigateTree(model.tree, rows, rowOf, collapsed, selected, e.key, page);
    if (!r) return;
    e.preventDefault();
    if (r.toggle !== undefined) onToggle(r.toggle);
    if (r.select !== undefined) onSelect(r.select);
  }, [model, rows, rowOf, collapsed, selected, onSelect, onToggle]);

  return (
    <div
      ref={scrollRef}
      id={props.id}
      role="tree"
      aria-label="Spans of the trace"
      aria-activedescendant={selected !== null && selectedRow >= 0 ? `${domPrefix}-${selected}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="relative overflow-auto rounded border border-[var(--border)] bg-[var(--panel)] [--name-col:36%] focus-visible:outline-2"
      style={{ height: props.height ?? '60vh', overflowAnchor: 'none' }}
    >
      <div className="sticky top-0 z-10">
        <TimeRuler ticks={ticks} />
      </div>
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        <TickLines ticks={ticks} />
        {items.map((item) => {
          const span = rows[item.index]!;
          const match: MatchState = matches && matches[span] ? (span === currentMatch ? 2 : 1) : 0;
          return (
            <WaterfallRow
              key={span}
              model={model}
              span={span}
              top={item.start - RULER_HEIGHT}
              domId={`${domPrefix}-${span}`}
              selected={span === selected}
              collapsed={collapsed.has(model.tree.spans[span]!.spanId)}
              match={match}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          );
        })}
      </div>
    </div>
  );
}
