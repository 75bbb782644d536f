'use client';

import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { QueryWindow, TimeSeries } from '@/lib/datasources/types';
import type { TimeseriesData } from '@/lib/panels/types';

/**
 * Raw query series drawn with the dashboards' chart (no thresholds or deployments) over the window
 * the server queried (its step says where samples are missing); a drag zooms the range.
 */
export function SeriesChart({ series, window: queried, onZoom }: { series: TimeSeries[]; window: QueryWindow; onZoom: (from: number, to: number) => void }) {
  const data: TimeseriesData = {
    type: 'timeseries',
    window: queried,
    notices: [],
    series: series.map((s) => ({ ...s, queryId: 'explore', unit: 'none', axis: 'left' })),
    thresholds: [],
    deployments: [],
  };
  return (
    <div className="h-64 w-full">
      <TimeSeriesChart data={data} style="line" unit="none" legend={series.length > 12 ? 'hidden' : 'bottom'} timeZone="UTC" onZoom={onZoom} />
    </div>
  );
}
