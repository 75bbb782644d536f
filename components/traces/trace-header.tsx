'use client';

import type { Trace } from '@/lib/datasources/types';
import type { TraceModel } from '@/lib/traces/trace-model';
import { formatMicros } from '@/lib/traces/time-scale';
import { colorOfSlot } from './service-colors';
import { plural } from '@/lib/text/plural';
import { formatPreciseTimestamp } from '@/components/charts/format';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/** The trace summary: root operation, duration, span count, services, errors, start, warnings. */
export function TraceHeader({ trace, model }: { trace: Trace; model: TraceModel }) {
  const { tree, stats } = model;
  const rootIndex = tree.roots.find((r) => !tree.orphan[r]) ?? tree.roots[0];
  const root = rootIndex === undefined ? undefined : tree.spans[rootIndex];
  const timeZone = usePreferredZone();
  const start = `${formatPreciseTimestamp(Math.floor(stats.startMicros / 1000), timeZone)} ${timeZone}`;
  const warnings = [...trace.warnings];
  if (stats.orphanCount > 0) warnings.push(`${plural(stats.orphanCount, 'span')} whose parent is missing (shown as roots, marked "no parent")`);
  if (stats.skewCount > 0) warnings.push(`${plural(stats.skewCount, 'span')} starting before their parent (clock skew)`);

  return (
    <header className="space-y-2 rounded border border-[var(--border)] bg-[var(--panel)] p-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold">{root ? `${root.service}: ${root.operation}` : 'Empty trace'}</h1>
        <code className="text-xs text-[var(--muted)]">{trace.traceId}</code>
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <Stat label="Duration" value={formatMicros(stats.durationMicros)} />
        <Stat label="Spans" value={stats.spanCount.toLocaleString('en-US')} />
        <Stat label="Services" value={String(stats.services.length)} />
        <Stat label="Depth" value={String(stats.depth)} />
        <Stat label="Errors" value={String(stats.errorCount)} bad={stats.errorCount > 0} />
        <Stat label="Started" value={start} />
      </dl>
      <ul aria-label="Services" className="flex flex-wrap gap-2 text-xs">
        {stats.services.map((s) => (
          <li key={s.name} className="flex items-center gap-1 rounded border border-[var(--border)] px-1.5 py-0.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: colorOfSlot(s.colorSlot) }} />
            {s.name} <span className="text-[var(--muted)]">{s.spanCount}</span>
          </li>
        ))}
      </ul>
      {warnings.length > 0 && (
        <ul aria-label="Trace warnings" className="text-xs text-[var(--warn)]">
          {warnings.map((w) => <li key={w}>⚠ {w}</li>)}
        </ul>
      )}
    </header>
  );
}

function Stat({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return (
    <div className="flex gap-1">
      <dt className="text-[var(--muted)]">{label}</dt>
      <dd className={bad ? 'font-semibold text-[var(--bad)]' : 'font-medium'}>{value}</dd>
    </div>
  );
}
