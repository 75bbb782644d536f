import { formatValue } from '@/components/charts/format';
import { EmptyAnswer } from '@/components/ui/empty-answer';
import type { TimeSeries } from '@/lib/datasources/types';

/** One row per series: its labels and its latest value (the instant value for an instant query). */
export function SeriesTable({ series }: { series: TimeSeries[] }) {
  if (series.length === 0) return <EmptyAnswer message="The query returned no series." />;
  return (
    <table className="w-full text-xs" aria-label="Series">
      <thead>
        <tr className="border-b border-[var(--border)] text-left text-[var(--muted)]">
          <th className="px-2 py-1 font-medium">Series</th>
          <th className="px-2 py-1 text-right font-medium">Latest value</th>
          <th className="px-2 py-1 text-right font-medium">Points</th>
        </tr>
      </thead>
      <tbody>
        {series.map((s) => {
          const last = s.samples.at(-1);
          return (
            <tr key={s.id} className="border-b border-[var(--border)]/50">
              <td className="break-all px-2 py-1 font-mono">{s.id}</td>
              <td className="px-2 py-1 text-right tabular-nums">{formatValue(last?.value ?? null, 'none', 4)}</td>
              <td className="px-2 py-1 text-right tabular-nums">{s.samples.length}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
