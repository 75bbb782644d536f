'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTimestamp, timeAxis } from '@/components/charts/format';
import type { LogLevel } from '@/lib/datasources/types';
import { VOLUME_LEVELS, type VolumeBar } from './logql';
import { plural } from '@/lib/text/plural';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/** Bar colour per level, matching the level colours of the log lines. */
const LEVEL_FILL: Record<LogLevel, string> = { fatal: '#7f1d1d', error: '#dc2626', warn: '#d97706', info: '#2563eb', debug: '#6b7280', trace: '#9ca3af', unknown: '#a8a29e' };

/** Log lines per step, stacked by level; levels with no lines in the range are left out of the legend. */
export function LogVolumeChart({ bars, stepSeconds }: { bars: VolumeBar[]; stepSeconds: number }) {
  const timeZone = usePreferredZone();
  const present = VOLUME_LEVELS.filter((l) => bars.some((b) => b[l] > 0));
  const total = bars.reduce((n, b) => n + VOLUME_LEVELS.reduce((m, l) => m + b[l], 0), 0);
  return (
    <figure data-testid="log-volume" aria-label={`Log volume: ${plural(total, 'line')}, one bar per ${stepSeconds} s`} className="h-28 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" {...timeAxis(bars[0]?.t ?? 0, bars.at(-1)?.t ?? 0, timeZone)} padding={{ left: 6, right: 6 }} tick={{ fontSize: 10 }} minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 10 }} width={40} />
          <Tooltip labelFormatter={(t) => formatTimestamp(Number(t), timeZone)} contentStyle={{ fontSize: 11 }} />
          {present.map((l) => (
            <Bar key={l} dataKey={l} stackId="v" fill={LEVEL_FILL[l]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
