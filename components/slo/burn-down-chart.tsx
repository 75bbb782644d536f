'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { timeTicks } from '@/components/charts/format';
import type { SloStatus } from '@/lib/slo/types';
import { formatBudgetLeft, formatUtc } from './slo-format';

const formatDay = (t: number) => new Date(t).toISOString().slice(5, 10);

/**
 * Error budget left over the SLO window. Steps without data stay gaps (null, never joined or
 * drawn as zero). In print the SVG scales down to the page width (it carries a viewBox).
 */
export function BurnDownChart({ points, windowDays }: { points: SloStatus['burnDown']; windowDays: number }) {
  if (!points.some((p) => p.remainingFraction !== null)) {
    return (
      <div data-testid="burn-down-no-data" className="flex h-40 items-center justify-center rounded border border-dashed border-[var(--border)] text-sm text-[var(--muted)]">
        No data: nothing was measured in the last {windowDays} days
      </div>
    );
  }
  const rows = points.map((p) => ({ t: p.t, left: p.remainingFraction === null ? null : p.remainingFraction * 100 }));
  return (
    <figure data-testid="burn-down-chart" className="h-56 w-full print:h-auto print:[&_svg]:h-auto print:[&_svg]:max-w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 224 }}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} ticks={timeTicks(rows[0]!.t, rows[rows.length - 1]!.t, 'UTC')} tickFormatter={formatDay} tick={{ fontSize: 11 }} />
          <YAxis unit="%" tick={{ fontSize: 11 }} width={48} domain={[(min: number) => Math.min(0, Math.floor(min)), 100]} allowDataOverflow={false} />
          <ReferenceLine y={0} stroke="var(--bad)" strokeDasharray="4 2" label={{ value: 'budget spent', fontSize: 10, position: 'insideBottomRight' }} />
          <Tooltip
            labelFormatter={(t) => formatUtc(Number(t))}
            formatter={(v) => [typeof v === 'number' ? formatBudgetLeft(v / 100) : 'no data', 'Budget left']}
          />
          <Line dataKey="left" name="Budget left" stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls={false} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Error budget left over the last {windowDays} days</figcaption>
    </figure>
  );
}
