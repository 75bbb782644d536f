'use client';

import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { LogEntry, Trace } from '@/lib/datasources/types';
import type { TraceLogDirection } from '@/lib/traces/trace-log-messages';
import { tieLogsToSpans } from '@/lib/traces/logs-by-span';
import { collapseAtDepth } from '@/lib/traces/tree-navigation';
import { SpanDetail } from './span-detail';
import { TraceFind } from './trace-find';
import { TraceHeader } from './trace-header';
import { TraceLogsPanel, type TraceLogsState } from './trace-logs';
import { TraceMinimap } from './trace-minimap';
import { TraceWaterfall, type WaterfallControl } from './trace-waterfall';
import { useTraceViewState } from './use-trace-view-state';
import { createViewportStore } from './viewport-store';

export type { TraceLogsState } from './trace-logs';

interface TraceViewProps {
  trace: Trace;
  logs: TraceLogsState;
  /** A span to select on open (e.g. from a link or an exemplar). */
  initialSpanId?: string;
  /** Told whenever the selection changes, e.g. to keep it in the URL. */
  onSpanSelect?: (spanId: string | null) => void;
  onRetryLogs?: () => void;
  /** Reloads the logs keeping the other end when they are capped (oldest or newest lines). */
  onLogDirection?: (direction: TraceLogDirection) => void;
}

/**
 * The trace page's client part: summary header, find box, minimap, the virtualized waterfall with
 * the critical path, span detail and the trace's logs tied to their spans, all sharing one
 * selection. The model is derived once per trace.
 */
export function TraceView({ trace, logs, initialSpanId, onSpanSelect, onRetryLogs, onLogDirection }: TraceViewProps) {
  const state = useTraceViewState(trace, initialSpanId, onSpanSelect);
  const { model, rows, rowOf, collapsed, selected, find } = state;
  const viewport = useMemo(() => createViewportStore(), []);
  const control = useRef<WaterfallControl | null>(null);
  const waterfallId = useId();
  // A line position means something only in the lines it was chosen from; reloaded logs drop it.
  const [lineChoice, setLineChoice] = useState<{ of: LogEntry[]; pos: number } | null>(null);

  const entries = logs.state === 'ok' ? logs.entries : null;
  const selectedLine = lineChoice && lineChoice.of === entries ? lineChoice.pos : null;
  const traceLogs = useMemo(() => (entries ? tieLogsToSpans(model.tree, entries) : null), [model, entries]);

  const { select } = state;
  const selectFromTree = useCallback((span: number) => {
    setLineChoice(null);
    select(span);
  }, [select]);
  const selectLine = useCallback((pos: number) => {
    setLineChoice(entries ? { of: entries, pos } : null);
    const span = traceLogs?.lines[pos]?.span;
    if (span !== undefined && span >= 0) select(span);
  }, [entries, traceLogs, select]);
  const scrollToFraction = useCallback((f: number) => control.current?.scrollToFraction(f), []);

  return (
    <div className="flex flex-col gap-3">
      <TraceHeader trace={trace} model={model} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TraceFind
          query={find.query}
          onQueryChange={find.changeQuery}
          matchCount={find.matches.length}
          current={find.current}
          onNext={() => find.goToMatch(1)}
          onPrev={() => find.goToMatch(-1)}
        />
        <div className="flex items-center gap-2 text-xs">
          <span className="flex items-center gap-1 text-[var(--muted)]">
            <span aria-hidden className="inline-block h-0.5 w-5 bg-black dark:bg-white" /> critical path
          </span>
          <button type="button" className="rounded border border-[var(--border)] px-2 py-0.5" onClick={() => state.setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" className="rounded border border-[var(--border)] px-2 py-0.5" onClick={() => state.setCollapsed(collapseAtDepth(model.tree, 1))}>
            Collapse to level 2
          </button>
        </div>
      </div>
      <TraceMinimap model={model} rows={rows} viewport={viewport} onScrollToFraction={scrollToFraction} controls={waterfallId} />
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div>
          <TraceWaterfall
            id={waterfallId}
            model={model}
            rows={rows}
            rowOf={rowOf}
            collapsed={collapsed}
            selected={selected}
            matches={find.matchMask}
            currentMatch={find.currentSpan}
            onSelect={selectFromTree}
            onToggle={state.toggle}
            viewport={viewport}
            controlRef={control}
          />
        </div>
        <div className="max-h-[60vh] overflow-auto rounded border border-[var(--border)] bg-[var(--panel)]">
          <SpanDetail
            model={model}
            span={selected}
            logCount={traceLogs && selected !== null ? (traceLogs.linesBySpan.get(selected)?.length ?? 0) : undefined}
            onSelectSpanId={state.selectById}
          />
        </div>
      </div>
      <TraceLogsPanel
        model={model}
        state={logs}
        logs={traceLogs}
        selectedSpan={selected}
        selectedLine={selectedLine}
        onSelectLine={selectLine}
        onRetry={onRetryLogs}
        onDirection={onLogDirection}
      />
    </div>
  );
}
