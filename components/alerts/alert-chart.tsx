'use client';

import { useMemo, useState } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { DeploymentDetails, DeploymentMarker } from '@/components/charts/deployment-marker';
import { EXEMPLAR_Z_INDEX, ExemplarMark } from '@/components/charts/exemplar-mark';
import { findValueNear, type ExemplarPoint } from '@/components/charts/exemplar-points';
import { formatTickValue, formatTimestamp, formatValue, timeAxis } from '@/components/charts/format';
import { seriesColor } from '@/components/charts/palette';
import { toChartRows, yAxisDomain } from '@/components/charts/chart-rows';
import type { AlertDetail, AlertExemplar } from '@/lib/alerts/types';
import type { Deployment } from '@/lib/datasources/types';
import type { Unit } from '@/lib/dashboards/schema';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/** Places exemplars on the charted line at their time (their own value is in another unit); bad ones drawn last, on top. */
export function toExemplarPoints(detail: Pick<AlertDetail, 'series' | 'exemplars' | 'threshold'>, hrefOf: (e: AlertExemplar) => string): ExemplarPoint<AlertExemplar>[] {
  const sorted = [...detail.exemplars].sort((a, b) => Number(a.bad) - Number(b.bad) || a.t - b.t);
  return sorted.map((e) => ({ t: e.t, y: findValueNear(detail.series, e.t) ?? detail.threshold?.value ?? 0, exemplar: e, href: hrefOf(e) }));
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: ExemplarPoint<AlertExemplar>;
}

/**
 * The alert's expression around its start: one line per charted side, the threshold as a dashed
 * horizontal line, deployments as vertical lines and exemplars as points that open their trace.
 */
export function AlertChart({ detail, unit, hrefOf }: { detail: AlertDetail; unit: Unit; hrefOf: (e: AlertExemplar) => string }) {
  const rows = useMemo(() => toChartRows(detail.series, detail.window.stepSeconds), [detail.series, detail.window.stepSeconds]);
  const points = useMemo(() => toExemplarPoints(detail, hrefOf), [detail, hrefOf]);
  const [open, setOpen] = useState<{ d: Deployment; x: number } | null>(null);
  const { start, end } = detail.window;
  const timeZone = usePreferredZone();
  const threshold = detail.threshold;

  // A render function, not a component made here: a new component type on every render would remount every point.
  const renderDot = ({ cx = 0, cy = 0, payload }: DotProps) => {
    if (!payload) return <g />;
    const e = payload.exemplar;
    const label = `Exemplar trace ${e.traceId}${e.bad ? ' (error)' : ''} at ${formatTimestamp(e.t, timeZone)}, value ${e.value}`;
    return <ExemplarMark cx={cx} cy={cy} href={payload.href} label={label} color={e.bad ? '#dc2626' : '#2563eb'} bad={e.bad} />;
  };

  return (
    <div className="relative h-72 w-full select-none" data-testid="alert-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="t" type="number" scale="time" {...timeAxis(start, end, timeZone)} allowDataOverflow tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis domain={yAxisDomain({ thresholds: threshold ? [threshold.value] : [], hasData: true })} tickFormatter={(v: number) => formatTickValue(v, unit)} tick={{ fontSize: 11 }} width={72} />
          <Tooltip labelFormatter={(t) => formatTimestamp(Number(t), timeZone)} formatter={(v) => formatValue(typeof v === 'number' ? v : null, unit)} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {detail.series.map((s, i) => (
            <Line key={s.id + s.expr} dataKey={`s${i}`} name={s.name} type="linear" stroke={seriesColor(i)} dot={false} isAnimationActive={false} connectNulls={false} />
          ))}
          {threshold && (
            <ReferenceLine
              y={threshold.value}
              stroke="#dc2626"
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
              label={(p: { viewBox?: { x?: number; y?: number; width?: number } }) => (
                <text data-testid="threshold-line" x={(p.viewBox?.x ?? 0) + (p.viewBox?.width ?? 0) - 4} y={(p.viewBox?.y ?? 0) - 4} textAnchor="end" fontSize={11} fill="#dc2626">
                  threshold {formatValue(threshold.value, unit)}
                </text>
              )}
            />
          )}
          {detail.alert.activeAt !== null && <ReferenceLine x={detail.alert.activeAt} stroke="var(--muted)" strokeDasharray="1 3" label={{ value: 'active', position: 'insideTopLeft', fontSize: 10, fill: 'var(--muted)' }} />}
          {detail.deployments.map((d) => (
            <ReferenceLine key={d.id} x={d.startedAt} stroke="#7c3aed" strokeDasharray="2 2" ifOverflow="hidden" label={(p: { viewBox?: { x?: number; y?: number } }) => <DeploymentMarker x={p.viewBox?.x ?? 0} y={p.viewBox?.y ?? 0} deployment={d} onOpen={(dep, x) => setOpen({ d: dep, x })} />} />
          ))}
          {points.length > 0 && <Scatter zIndex={EXEMPLAR_Z_INDEX} name="exemplars" data={points} dataKey="y" isAnimationActive={false} shape={renderDot} legendType="diamond" fill="#2563eb" />}
        </ComposedChart>
      </ResponsiveContainer>
      {open && <DeploymentDetails deployment={open.d} left={open.x} timeZone={timeZone} onClose={() => setOpen(null)} />}
    </div>
  );
}
