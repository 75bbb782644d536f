'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogEntry, ResultNotice } from '@/lib/datasources/types';
import type { TraceLogs } from '@/lib/traces/logs-by-span';
import { describeTraceLogNotices, describeTraceLogRange, describeTraceLogsError, type TraceLogDirection, type TraceLogsFailure } from '@/lib/traces/trace-log-messages';
import type { TraceLogRange } from '@/lib/traces/trace-log-query';
import type { TraceModel } from '@/lib/traces/trace-model';
import { LogLine } from './log-line';
import { plural } from '@/lib/text/plural';

/** The trace's logs as the page hands them over, with the range searched and the end kept when capped. */
export type TraceLogsState =
  | { state: 'ok'; entries: LogEntry[]; notices: ResultNotice[]; direction: TraceLogDirection; range: TraceLogRange }
  | ({ state: 'error' } & TraceLogsFailure)
  | { state: 'loading' };

interface TraceLogsProps {
  model: TraceModel;
  state: TraceLogsState;
  /** The lines tied to spans; null unless state is 'ok'. */
  logs: TraceLogs | null;
  selectedSpan: number | null;
  selectedLine: number | null;
  /** Selecting a line selects (and reveals) its span. */
  onSelectLine: (index: number) => void;
  onRetry?: () => void;
  /** Loads the other end of the trace's lines (offered when they are capped). */
  onDirection?: (direction: TraceLogDirection) => void;
}

const LINE_HEIGHT = 22;

/**
 * Every log line of the trace in time order, each tied to its span. Lines of the selected span are
 * highlighted, or shown alone with "only this span"; the list is virtualized (expanded lines are
 * measured) so a trace with thousands of lines stays responsive.
 */
export function TraceLogsPanel({ model, state, logs, selectedSpan, selectedLine, onSelectLine, onRetry, onDirection }: TraceLogsProps) {
  const [onlySpan, setOnlySpan] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const scrollRef = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => {
    if (!logs) return [];
    if (onlySpan && selectedSpan !== null) return logs.linesBySpan.get(selectedSpan) ?? [];
    return logs.lines.map((_, k) => k);
  }, [logs, onlySpan, selectedSpan]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 8,
    getItemKey: (k) => logs?.lines[visible[k]!]?.entry.id ?? k,
  });

  // Bring the first line of a newly selected span into view.
  const firstOfSpan = selectedSpan === null ? undefined : logs?.linesBySpan.get(selectedSpan)?.[0];
  useEffect(() => {
    if (firstOfSpan === undefined || selectedLine !== null) return;
    const k = visible.indexOf(firstOfSpan);
    if (k >= 0) virtualizer.scrollToIndex(k, { align: 'start' });
  }, [firstOfSpan, selectedLine, visible, virtualizer]);

  const toggleExpand = useCallback((id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  if (state.state === 'loading') return <Shell><p className="p-3 text-[var(--muted)]">Loading the trace&apos;s logs…</p></Shell>;
  if (state.state === 'error') {
    const failed = describeTraceLogsError(state);
    return (
      <Shell>
        <div role="alert" className="flex items-center gap-3 p-3 text-[var(--bad)]">
          <span>{failed.message}</span>
          {failed.retry && onRetry && <button type="button" onClick={onRetry} className="rounded border border-[var(--border)] px-2 text-[var(--text)]">Retry</button>}
        </div>
      </Shell>
    );
  }
  const notes = <TraceLogNotesList state={state} shown={logs?.lines.length ?? 0} onDirection={onDirection} />;
  if (!logs || logs.lines.length === 0) return <Shell>{notes}<p className="p-3 text-[var(--muted)]">Loki holds no lines for this trace.</p></Shell>;

  const spanLines = selectedSpan === null ? 0 : (logs.linesBySpan.get(selectedSpan)?.length ?? 0);
  return (
    <Shell
      toolbar={
        <div className="flex items-center gap-3 text-xs text-[var(--muted)]">
          <span>{plural(logs.lines.length, 'line')}{logs.detachedCount > 0 ? `, ${logs.detachedCount} without a known span (shown on the root)` : ''}</span>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={onlySpan} disabled={selectedSpan === null} onChange={(e) => setOnlySpan(e.target.checked)} />
            Only the selected span ({spanLines})
          </label>
        </div>
      }
    >
      {notes}
      <div ref={scrollRef} role="list" aria-label="Log lines of the trace" className="overflow-auto" style={{ height: '32vh' }}>
        {visible.length === 0 && <p className="p-3 text-[var(--muted)]">The selected span has no log lines.</p>}
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const pos = visible[v.index]!;
            const item = logs.lines[pos]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="absolute inset-x-0" style={{ transform: `translateY(${v.start}px)` }}>
                <LogLine
                  model={model}
                  item={item}
                  index={pos}
                  ofSelectedSpan={item.span === selectedSpan}
                  selected={pos === selectedLine}
                  expanded={expanded.has(item.entry.id)}
                  onSelect={onSelectLine}
                  onToggleExpand={toggleExpand}
                />
              </div>
            );
          })}
        </div>
      </div>
    </Shell>
  );
}

/** What the panel is not showing: the part of a long trace not searched, the capped end of its lines (with a switch to the other end), other notices. */
function TraceLogNotesList({ state, shown, onDirection }: { state: Extract<TraceLogsState, { state: 'ok' }>; shown: number; onDirection?: (direction: TraceLogDirection) => void }) {
  const range = describeTraceLogRange(state.range);
  const { capped, others } = describeTraceLogNotices(state.notices, state.direction, shown);
  if (!range && !capped && others.length === 0) return null;
  return (
    <ul aria-label="Notices about these logs" className="space-y-0.5 border-b border-[var(--border)] px-3 py-1.5 text-xs text-[var(--warn)]">
      {range && <li>{range}</li>}
      {capped && (
        <li className="flex flex-wrap items-center gap-2">
          <span role="status">{capped.message}</span>
          {onDirection && <button type="button" onClick={() => onDirection(capped.switchTo)} className="rounded border border-[var(--border)] px-2 text-[var(--text)]">{capped.switchLabel}</button>}
        </li>
      )}
      {others.map((m) => <li key={m}>{m}</li>)}
    </ul>
  );
}

function Shell({ children, toolbar }: { children: ReactNode; toolbar?: ReactNode }) {
  return (
    <section aria-label="Logs of this trace" className="rounded border border-[var(--border)] bg-[var(--panel)]">
      <header className="flex items-center justify-between border-b border-[var(--border)] px-3 py-1.5">
        <h2 className="text-sm font-semibold">Logs</h2>
        {toolbar}
      </header>
      {children}
    </section>
  );
}
