'use client';

import Link from 'next/link';
import { memo } from 'react';
import { LEVEL_CLASS } from '@/components/traces/log-line';
import { FieldRows } from '@/components/ui/field-rows';
import type { LogEntry } from '@/lib/datasources/types';
import { findTraceIds } from '@/lib/traces/trace-id';
import { ShownTime } from '@/components/ui/shown-time';

/** A trace ID inside text becomes a link to that trace; the rest stays text. */
function LinkedLine({ line, ids }: { line: string; ids: string[] }) {
  if (ids.length === 0) return <>{line}</>;
  const re = new RegExp(`(${ids.join('|')})`, 'gi');
  return <>{line.split(re).map((part, i) => (i % 2 === 1 ? <Link key={i} href={`/traces/${part.toLowerCase()}`} className="text-[var(--accent)] underline">{part}</Link> : part))}</>;
}

interface LogRowProps {
  entry: LogEntry;
  expanded: boolean;
  onToggle: (id: string) => void;
}

/** One log line: time, level (colour and word), the line; expanded it wraps and lists every label and field. */
export const LogRow = memo(function LogRow({ entry, expanded, onToggle }: LogRowProps) {
  const ids = findTraceIds(entry);
  const fields = Object.entries(entry.fields);
  const labels = Object.entries(entry.labels);
  return (
    <div role="listitem" data-level={entry.level} className="border-b border-[var(--border)]/50 px-2 py-0.5 font-mono text-xs">
      <div className="flex items-start gap-2">
        <button type="button" aria-expanded={expanded} aria-label={expanded ? 'Collapse line' : 'Expand line'} onClick={() => onToggle(entry.id)} className="w-4 shrink-0 text-[var(--muted)]">
          {expanded ? '▾' : '▸'}
        </button>
        <ShownTime t={entry.t} part="precise" className="w-44 shrink-0 text-[var(--muted)]" />
        <span className={`w-12 shrink-0 uppercase ${LEVEL_CLASS[entry.level]}`}>{entry.level === 'unknown' ? '' : entry.level}</span>
        <span className={expanded ? 'min-w-0 flex-1 whitespace-pre-wrap break-all' : 'min-w-0 flex-1 truncate'}>
          <LinkedLine line={entry.line} ids={ids} />
        </span>
        {ids.map((id) => (
          <Link key={id} href={`/traces/${id}`} aria-label={`Open trace ${id}`} className="shrink-0 rounded border border-[var(--accent)] px-1 text-[10px] text-[var(--accent)] hover:bg-[var(--panel-2)]">
            trace {id.slice(0, 8)}
          </Link>
        ))}
      </div>
      {expanded && (
        <dl className="ml-6 mt-1 grid grid-cols-[auto_1fr] gap-x-3 pb-1 text-[11px]" aria-label="Fields">
          <dt className="text-[var(--muted)]">timestamp</dt>
          <dd>{entry.ns} ns</dd>
          <FieldRows rows={labels} note="(label)" valueClassName="break-all" />
          <FieldRows
            rows={fields.map(([k, v]) => [k, k === 'trace_id' && /^[0-9a-f]{16,32}$/i.test(v) ? <Link href={`/traces/${v.toLowerCase()}`} className="text-[var(--accent)] underline">{v}</Link> : v] as const)}
            valueClassName="break-all"
          />
        </dl>
      )}
    </div>
  );
});
