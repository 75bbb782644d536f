'use client';

import { memo } from 'react';
import type { TraceModel } from '@/lib/traces/trace-model';
import { placeInterval, formatMicros } from '@/lib/traces/time-scale';
import { SKEW_ENDS_AFTER_PARENT, SKEW_STARTS_BEFORE_PARENT, isFollowsFrom } from '@/lib/traces/tree';
import { colorOfSlot } from './service-colors';

/** Fixed row height in pixels: the virtualizer needs no measurement. */
export const ROW_HEIGHT = 24;
/** Indent per tree level in pixels. */
export const INDENT = 12;

export type MatchState = 0 | 1 | 2;

interface WaterfallRowProps {
  model: TraceModel;
  span: number;
  /** Pixel offset of the row inside the scrolled content. */
  top: number;
  domId: string;
  selected: boolean;
  collapsed: boolean;
  /** 1 = matches the find query, 2 = the current match. */
  match: MatchState;
  onSelect: (span: number) => void;
  onToggle: (spanId: string) => void;
}

const MATCH_BG = ['', 'bg-yellow-100 dark:bg-yellow-900/40', 'bg-yellow-200 dark:bg-yellow-700/50'];

/**
 * One span row: the tree cell (indent guides, toggle, service colour, error mark, badges) and the
 * timeline cell (bar by start and duration, critical-path segments drawn on it). Memoised on
 * primitive props so scrolling renders only rows that enter the viewport.
 */
export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { model, span, top, domId, selected, collapsed, match, onSelect, onToggle } = props;
  const { tree, critical } = model;
  const s = tree.spans[span]!;
  const depth = tree.depth[span]!;
  const kids = tree.children[span]!.length;
  const color = colorOfSlot(tree.colorOf[tree.serviceOf[span]!]!);
  const traceDuration = tree.endMicros - tree.startMicros;
  const bar = placeInterval(s.startMicros, s.durationMicros, tree.startMicros, traceDuration);
  const skew = tree.skew[span]!;
  const segments = critical.segmentsBySpan.get(span);

  return (
    <div
      id={domId}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={kids > 0 ? !collapsed : undefined}
      aria-selected={selected}
      aria-label={`${s.service} ${s.operation}, ${formatMicros(s.durationMicros)}${s.error ? ', error' : ''}${critical.onPath[span] ? ', on the critical path' : ''}`}
      data-span-id={s.spanId}
      onClick={() => onSelect(span)}
      className={`absolute left-0 right-0 flex cursor-pointer border-b border-[var(--border)]/40 text-xs ${
        selected ? 'bg-blue-100 dark:bg-blue-900/40' : MATCH_BG[match] || 'hover:bg-[var(--panel-2)]'
      }`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div className="flex min-w-0 items-center gap-1 border-r border-[var(--border)] pr-1" style={{ width: 'var(--name-col)' }}>
        <span
          aria-hidden
          className="h-full shrink-0"
          style={{
            width: depth * INDENT + 4,
            backgroundImage: `repeating-linear-gradient(to right, transparent 0 ${INDENT / 2}px, var(--border) ${INDENT / 2}px ${INDENT / 2 + 1}px, transparent ${INDENT / 2 + 1}px ${INDENT}px)`,
          }}
        />
        {kids > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={collapsed ? `Expand ${kids} children` : 'Collapse children'}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(s.spanId);
            }}
            className="w-4 shrink-0 text-[var(--muted)] hover:text-[var(--text)]"
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <span aria-hidden className="h-3 w-1 shrink-0 rounded-sm" style={{ background: color }} />
        {s.error && <span title="Error" className="shrink-0 font-bold text-[var(--bad)]">!</span>}
        <span className="truncate">
          <span className="font-medium">{s.service}</span> <span className="text-[var(--muted)]">{s.operation}</span>
        </span>
        {collapsed && kids > 0 && <span className="shrink-0 rounded bg-[var(--panel-2)] px-1 text-[10px]">+{tree.subtreeSize[span]! - 1}</span>}
        {tree.orphan[span] ? <Badge title="Its parent span is missing from the trace">no parent</Badge> : null}
        {skew & SKEW_STARTS_BEFORE_PARENT ? <Badge title="Starts before its parent: clock skew between hosts">skew</Badge> : null}
        {skew & SKEW_ENDS_AFTER_PARENT && !isFollowsFrom(s) ? <Badge title="Ends after its parent">outlives parent</Badge> : null}
      </div>
      <div className="relative min-w-0 flex-1">
        <div
          className={`absolute top-1.5 h-3 rounded-sm ${s.error ? 'ring-1 ring-[var(--bad)]' : ''}`}
          style={{ left: `${bar.left}%`, width: `${bar.width}%`, minWidth: 2, background: color, opacity: critical.onPath[span] ? 1 : 0.55 }}
        />
        {segments?.map((seg) => {
          const p = placeInterval(seg.startMicros, seg.endMicros - seg.startMicros, tree.startMicros, traceDuration);
          return (
            <div
              key={seg.startMicros}
              aria-hidden
              className="absolute top-[11px] h-0.5 bg-black dark:bg-white"
              style={{ left: `${p.left}%`, width: `${p.width}%` }}
            />
          );
        })}
        <span
          className="pointer-events-none absolute top-1 px-1 text-[10px] text-[var(--muted)]"
          style={bar.left + bar.width > 80 ? { right: `${100 - bar.left}%` } : { left: `${bar.left + bar.width}%` }}
        >
          {formatMicros(s.durationMicros)}
        </span>
      </div>
    </div>
  );
});

function Badge({ title, children }: { title: string; children: string }) {
  return (
    <span title={title} className="shrink-0 rounded border border-[var(--warn)] px-1 text-[10px] text-[var(--warn)]">
      {children}
    </span>
  );
}
