'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@/lib/datasources/types';
import { LogRow } from './log-row';

/** Pixels from the bottom that still count as "at the bottom" (follow mode keeps up). */
const BOTTOM_SLACK = 24;

interface LogResultsProps {
  /** Oldest first: the newest line is at the bottom, like `tail -f`. */
  entries: LogEntry[];
  /** Keep the newest line in view; scrolling up calls onScrolledUp. */
  follow: boolean;
  onScrolledUp: () => void;
}

/** The virtualized log list: only rows in view are in the DOM; expanded rows are measured. */
export function LogResults({ entries, follow, onScrolledUp }: LogResultsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 22,
    overscan: 20,
    getItemKey: (i) => entries[i]!.id,
  });
  const toggle = useCallback((id: string) => setExpanded((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }), []);

  // Start at the newest line, and stay there while following.
  const count = entries.length;
  const lastTop = useRef(0);
  useEffect(() => {
    if (count > 0 && (follow || lastTop.current === 0)) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, follow, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const up = el.scrollTop < lastTop.current;
    lastTop.current = el.scrollTop;
    if (follow && up && el.scrollHeight - el.scrollTop - el.clientHeight > BOTTOM_SLACK) onScrolledUp();
  };

  return (
    <div ref={scrollRef} onScroll={onScroll} role="list" aria-label="Log lines" className="relative h-[55vh] overflow-auto rounded border border-[var(--border)] bg-[var(--panel)]" style={{ overflowAnchor: 'none' }}>
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="absolute left-0 right-0" style={{ transform: `translateY(${item.start}px)` }}>
            <LogRow entry={entries[item.index]!} expanded={expanded.has(entries[item.index]!.id)} onToggle={toggle} />
          </div>
        ))}
      </div>
    </div>
  );
}
