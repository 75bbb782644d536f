'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatTimestamp, formatValue } from '@/components/charts/format';
import type { TraceSummary } from '@/lib/datasources/types';
import { nextSort, sortTraces, type SortKey, type TraceSort } from './sort-traces';
import { usePreferredZone } from '@/components/layout/preferred-zone';

const COLUMNS: { key: SortKey; label: string; className?: string }[] = [
  { key: 'root', label: 'Root service and operation' },
  { key: 'spans', label: 'Spans', className: 'text-right' },
  { key: 'services', label: 'Services' },
  { key: 'errors', label: 'Errors', className: 'text-right' },
  { key: 'duration', label: 'Duration', className: 'text-right' },
  { key: 'start', label: 'Start' },
];

/** The search results as a table sortable by each column; the root links to the trace. */
export function TraceList({ traces }: { traces: TraceSummary[] }) {
  const timeZone = usePreferredZone();
  const [sort, setSort] = useState<TraceSort>({ key: 'start', dir: 'desc' });
  const rows = useMemo(() => sortTraces(traces, sort), [traces, sort]);
  return (
    <table className="w-full text-sm" aria-label="Traces found">
      <thead>
        <tr className="border-b border-[var(--border)] text-left text-xs text-[var(--muted)]">
          {COLUMNS.map((c) => (
            <th key={c.key} className={`px-2 py-1 font-medium ${c.className ?? ''}`} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" onClick={() => setSort((s) => nextSort(s, c.key))} className="hover:text-[var(--text)]">
                {c.label} {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.traceId} className="border-b border-[var(--border)]/50 align-top hover:bg-[var(--panel-2)]">
            <td className="px-2 py-1">
              <Link href={`/traces/${t.traceId}`} className="font-medium text-[var(--accent)] hover:underline">
                {t.rootService}: {t.rootOperation}
              </Link>
              <div className="font-mono text-[10px] text-[var(--muted)]">{t.traceId}</div>
            </td>
            <td className="px-2 py-1 text-right tabular-nums">{t.spanCount}</td>
            <td className="px-2 py-1">
              <ul className="flex flex-wrap gap-1" aria-label="Services">
                {t.services.map((s) => (
                  <li key={s.name} className="rounded bg-[var(--panel-2)] px-1 text-[11px]">{s.name} ({s.spanCount})</li>
                ))}
              </ul>
            </td>
            <td className={`px-2 py-1 text-right tabular-nums ${t.errorCount ? 'font-semibold text-[var(--bad)]' : 'text-[var(--muted)]'}`}>{t.errorCount}</td>
            <td className="whitespace-nowrap px-2 py-1 text-right tabular-nums">{formatValue(t.durationMicros / 1000, 'milliseconds')}</td>
            <td className="whitespace-nowrap px-2 py-1 text-xs">{formatTimestamp(t.startMicros / 1000, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
