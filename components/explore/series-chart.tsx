'use client';

import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import type { TimeSeries, UnixMs } from '@/lib/datasources/types';
import type { TimeseriesData } from '@/lib/panels/types';

/** Raw query series drawn with the dashboards' chart (no thresholds or deployments); a drag zooms the range. */
export function SeriesChart({ series, start, end, stepSeconds, onZoom }: { series: TimeSeries[]; start: number; end: number; stepSeconds: number; onZoom: (from: number, to: number) => void }) {
  const data: TimeseriesData = {
    type: 'timeseries',
    window: { start: start as UnixMs, end: end as UnixMs, stepSeconds }, // epoch ms from the resolved range
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
