'use client';

import { useState } from 'react';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { QueryWindow, TimeSeries } from '@/lib/datasources/types';
import type { TimeseriesData } from '@/lib/panels/types';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/**
 * Series drawn until asked for more. Each drawn series costs the browser a line of SVG per render:
 * 800 series of a few dozen points each took ~4 s to appear, while the table lists them all at once.
 */
export const DRAWN_SERIES = 20;

/**
 * Raw query series drawn with the dashboards' chart (no thresholds or deployments) over the window
 * the server queried (its step says where samples are missing); a drag zooms the range. Of many
 * series, the first DRAWN_SERIES are drawn until the user asks for all.
 */
export function SeriesChart({ series, window: queried, onZoom }: { series: TimeSeries[]; window: QueryWindow; onZoom: (from: number, to: number) => void }) {
  const [drawAll, setDrawAll] = useState(false);
  const timeZone = usePreferredZone();
  const drawn = drawAll ? series : series.slice(0, DRAWN_SERIES);
  const data: TimeseriesData = {
    type: 'timeseries',
    window: queried,
    notices: [],
    series: drawn.map((s) => ({ ...s, queryId: 'explore', unit: 'none', axis: 'left' })),
    thresholds: [],
    deployments: [],
  };
  return (
    <div className="flex flex-col gap-1">
      {drawn.length < series.length && (
        <p className="flex items-center gap-2 text-xs text-[var(--muted)]">
          <span>
            Drawing the first {drawn.length} of {series.length.toLocaleString('en-US')} series; the table lists them all.
          </span>
          <button type="button" className="rounded border border-[var(--border)] px-2 py-0.5 text-[var(--text)]" onClick={() => setDrawAll(true)}>
            Draw all {series.length.toLocaleString('en-US')}
          </button>
        </p>
      )}
      <div className="h-64 w-full">
        <TimeSeriesChart data={data} style="line" unit="none" legend={drawn.length > 12 ? 'hidden' : 'bottom'} timeZone={timeZone} onZoom={onZoom} />
      </div>
    </div>
  );
}
