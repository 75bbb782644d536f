'use client';

import { memo } from 'react';
import { FieldRows } from '@/components/ui/field-rows';
import type { LogLevel } from '@/lib/datasources/types';
import { nanosToMicros, type SpanLog } from '@/lib/traces/logs-by-span';
import type { TraceModel } from '@/lib/traces/trace-model';
import { formatMicros } from '@/lib/traces/time-scale';
import { colorOfSlot } from './service-colors';
import { ShownTime } from '@/components/ui/shown-time';

/** Text colour per level; the level is also written out, so colour is never the only cue. */
export const LEVEL_CLASS: Record<LogLevel, string> = {
  fatal: 'text-[var(--bad)] font-semibold',
  error: 'text-[var(--bad)]',
  warn: 'text-[var(--warn)]',
  info: 'text-[var(--accent)]',
  debug: 'text-[var(--muted)]',
  trace: 'text-[var(--muted)]',
  unknown: 'text-[var(--muted)]',
};

interface LogLineProps {
  model: TraceModel;
  item: SpanLog;
  index: number;
  /** The line belongs to the selected span. */
  ofSelectedSpan: boolean;
  selected: boolean;
  expanded: boolean;
  onSelect: (index: number) => void;
  onToggleExpand: (id: string) => void;
}

/** One log line tied to its span; expanded it shows the full line and every field and label. */
export const LogLine = memo(function LogLine({ model, item, index, ofSelectedSpan, selected, expanded, onSelect, onToggleExpand }: LogLineProps) {
  const { entry, span, detached } = item;
  const { tree } = model;
  const s = span >= 0 ? tree.spans[span] : undefined;
  const offset = nanosToMicros(entry.ns) - tree.startMicros;
  const fields = Object.entries({ ...entry.labels, ...entry.fields });
  return (
    <div
      role="listitem"
      aria-current={selected || undefined}
      className={`border-b border-[var(--border)]/50 px-2 py-0.5 font-mono text-xs ${
        selected ? 'bg-blue-100 dark:bg-blue-900/40' : ofSelectedSpan ? 'bg-[var(--panel-2)]' : ''
      }`}
    >
      <div className="flex items-start gap-2">
        <button type="button" aria-expanded={expanded} aria-label={expanded ? 'Collapse line' : 'Expand line'} onClick={() => onToggleExpand(entry.id)} className="w-4 shrink-0 text-[var(--muted)]">
          {expanded ? '▾' : '▸'}
        </button>
        <span className="w-16 shrink-0 text-right text-[var(--muted)]" title={new Date(entry.t).toISOString()}>+{formatMicros(offset)}</span>
        <span className={`w-12 shrink-0 uppercase ${LEVEL_CLASS[entry.level]}`}>{entry.level}</span>
        <button type="button" onClick={() => onSelect(index)} className="flex min-w-0 shrink-0 items-center gap-1 text-left hover:underline" title="Select this line's span">
          {s && <span aria-hidden className="h-2.5 w-1 rounded-sm" style={{ background: colorOfSlot(tree.colorOf[tree.serviceOf[span]!]!) }} />}
          <span className="max-w-40 truncate">{s ? `${s.service} ${s.operation}` : 'no span'}</span>
        </button>
        {detached && (
          <span className="shrink-0 rounded border border-[var(--warn)] px-1 text-[10px] text-[var(--warn)]" title="Shown on the trace root because its span could not be found">
            {detached === 'no-span-id' ? 'no span id' : 'unknown span'}
          </span>
        )}
        <span className={expanded ? 'min-w-0 whitespace-pre-wrap break-all' : 'min-w-0 truncate'}>{entry.line}</span>
      </div>
      {expanded && (
        <dl className="ml-24 mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-[11px]">
          <dt className="text-[var(--muted)]">time</dt>
          <dd><ShownTime t={entry.t} part="precise" /> ({entry.ns} ns)</dd>
          <FieldRows rows={fields} valueClassName="break-all" />
        </dl>
      )}
    </div>
  );
});
