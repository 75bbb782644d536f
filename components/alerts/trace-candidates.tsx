import Link from 'next/link';
import type { TraceSummary } from '@/lib/datasources/types';
import { ShownTime } from '@/components/ui/shown-time';

const formatMs = (micros: number) => (micros >= 1e6 ? `${(micros / 1e6).toFixed(2)} s` : `${(micros / 1e3).toFixed(1)} ms`);

/** A list of candidate traces from Jaeger (slowest or errored), each linking to its waterfall. */
export function TraceCandidates({ title, traces, hrefOf, empty }: { title: string; traces: TraceSummary[]; hrefOf: (traceId: string) => string; empty: string }) {
  return (
    <section aria-label={title} className="rounded border border-[var(--border)] bg-[var(--panel)] p-2">
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      {traces.length === 0 ? (
        <p className="text-xs text-[var(--muted)]">{empty}</p>
      ) : (
        <table className="w-full text-xs">
          <thead className="text-left text-[var(--muted)]">
            <tr>
              <th className="font-normal">Trace</th>
              <th className="font-normal">Root</th>
              <th className="text-right font-normal">Duration</th>
              <th className="text-right font-normal">Errors</th>
              <th className="text-right font-normal">Start</th>
            </tr>
          </thead>
          <tbody>
            {traces.map((t) => (
              <tr key={t.traceId} className="border-t border-[var(--border)]">
                <td className="py-0.5 font-mono">
                  <Link href={hrefOf(t.traceId)} className="text-[var(--accent)] underline-offset-2 hover:underline" aria-label={`Trace ${t.traceId}`}>
                    {t.traceId.slice(0, 12)}…
                  </Link>
                </td>
                <td className="truncate">{t.rootService} {t.rootOperation}</td>
                <td className="text-right tabular-nums">{formatMs(t.durationMicros)}</td>
                <td className={`text-right tabular-nums ${t.errorCount ? 'text-[var(--bad)]' : ''}`}>{t.errorCount}</td>
                <td className="text-right tabular-nums"><ShownTime t={t.startMicros / 1000} part="clock" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
