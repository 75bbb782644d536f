'use client';

import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';
import type { Deployment } from '@/lib/datasources/types';
import type { Unit } from '@/lib/dashboards/schema';
import type { PanelExemplar, TimeseriesData } from '@/lib/panels/types';
import { DeploymentDetails, DeploymentMarker } from './deployment-marker';
import { EXEMPLAR_Z_INDEX, ExemplarMark } from './exemplar-mark';
import { toPanelExemplarPoints, type PanelExemplarPoint } from './exemplar-points';
import { axisUnits } from './axis-units';
import { formatTickValue, formatTimestamp, formatValue, timeAxis } from './format';
import { seriesColor } from './palette';
import { hasFiniteValues, loneSampleRows, toChartRows, yAxisDomain } from './chart-rows';

export interface TimeSeriesChartProps {
  data: TimeseriesData;
  style: 'line' | 'area' | 'stacked';
  /** The panel's unit; each axis shows the unit of its own queries (`units`), else of its series, else this. */
  unit: Unit;
  /** Units of the left and right axes, from the panel's queries (so that they hold with no data too). */
  units?: { left: Unit; right: Unit };
  legend: 'bottom' | 'right' | 'hidden';
  yMin?: number;
  yMax?: number;
  timeZone: string;
  /** Called with an absolute range (epoch ms) when the user drags across the chart. */
  onZoom: (from: number, to: number) => void;
  /** Where an exemplar's point leads (its trace, with the dashboard's context); a bare trace link when omitted. */
  traceHref?: (e: PanelExemplar) => string;
}

const bareTraceHref = (e: PanelExemplar) => `/traces/${e.traceId}`;

/** Pixels of each y axis: room for the longest tick labels ("12,500 s", "1.25 req/s", "999.5 KiB"). */
const AXIS_WIDTH = 72;

interface MarkProps {
  cx?: number;
  cy?: number;
  payload?: PanelExemplarPoint;
}

const toNumber = (label: MouseHandlerDataParam['activeLabel']) => (label === undefined ? null : Number(label));

/** A time series chart with threshold lines, deployment lines, exemplars that open their trace, and drag-to-zoom. */
export function TimeSeriesChart({ data, style, unit, units, legend, yMin, yMax, timeZone, onZoom, traceHref = bareTraceHref }: TimeSeriesChartProps) {
  // Recharts draws no axis without data, and so no threshold line: with no rows, the window's two ends
  // stand in (with no values) for the time axis, and the left axis takes its domain as given (allowDataOverflow).
  const rows = useMemo(() => {
    const lined = toChartRows(data.series, data.window.stepSeconds);
    return lined.length ? lined : [{ t: data.window.start }, { t: data.window.end }];
  }, [data.series, data.window]);
  // A sample with gaps on both sides draws no line: it gets a dot, so that it is not lost.
  const lone = useMemo(() => data.series.map((_, i) => loneSampleRows(rows, `s${i}`)), [data.series, rows]);
  const points = useMemo(() => toPanelExemplarPoints(data.series, data.exemplars ?? [], traceHref), [data.series, data.exemplars, traceHref]);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const [open, setOpen] = useState<{ d: Deployment; x: number } | null>(null);
  const span = data.window.end - data.window.start;
  const rightUsed = data.series.some((s) => s.axis === 'right');
  const leftSeries = data.series.flatMap((s, i) => (s.axis === 'right' ? [] : [i]));
  const hasData = hasFiniteValues(rows, leftSeries);
  const yDomain = yAxisDomain({ yMin, yMax, thresholds: data.thresholds.map((t) => t.value), hasData });
  const Series = style === 'line' ? Line : Area;
  const axis = units ?? axisUnits(data.series, unit);

  const describe = (p: PanelExemplarPoint): [string, string][] => [
    ['Time', formatTimestamp(p.exemplar.t, timeZone)],
    ['Value', formatValue(p.exemplar.value, data.series[p.seriesIndex]?.unit ?? unit)],
    ['Series', data.series[p.seriesIndex]?.name ?? p.exemplar.queryId],
    ['Trace', p.exemplar.traceId],
  ];
  // A render function, not a component made here: a new component type on every render would remount every point.
  const renderMark = ({ cx = 0, cy = 0, payload }: MarkProps) => {
    if (!payload) return <g />;
    const details = describe(payload);
    const label = `Exemplar: ${details.map(([k, v]) => `${k.toLowerCase()} ${v}`).join(', ')}`;
    return <ExemplarMark cx={cx} cy={cy} href={payload.href} label={label} color={seriesColor(payload.seriesIndex)} details={details} />;
  };

  const finishDrag = () => {
    if (drag && Math.abs(drag.b - drag.a) > span / 200) onZoom(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b));
    setDrag(null);
  };

  return (
    <div className="relative h-full w-full select-none" data-testid="timeseries-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 10, right: 12, bottom: 0, left: 0 }}
          onMouseDown={(s) => {
            const t = toNumber(s.activeLabel);
            if (t !== null) setDrag({ a: t, b: t });
          }}
          onMouseMove={(s) => {
            const t = toNumber(s.activeLabel);
            if (drag && t !== null) setDrag({ ...drag, b: t });
          }}
          onMouseUp={finishDrag}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="t" type="number" scale="time" {...timeAxis(data.window.start, data.window.end, timeZone)} tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis yAxisId="left" domain={yDomain} allowDataOverflow={!hasData} tickFormatter={(v: number) => formatTickValue(v, axis.left)} tick={{ fontSize: 11 }} width={AXIS_WIDTH} />
          {rightUsed && <YAxis yAxisId="right" orientation="right" tickFormatter={(v: number) => formatTickValue(v, axis.right)} tick={{ fontSize: 11 }} width={AXIS_WIDTH} />}
          <Tooltip labelFormatter={(t) => formatTimestamp(Number(t), timeZone)} formatter={(v, _n, item) => formatValue(typeof v === 'number' ? v : null, data.series[Number(String(item.dataKey).slice(1))]?.unit ?? unit)} contentStyle={{ fontSize: 12 }} />
          {legend !== 'hidden' && <Legend verticalAlign={legend === 'right' ? 'middle' : 'bottom'} align={legend === 'right' ? 'right' : 'center'} layout={legend === 'right' ? 'vertical' : 'horizontal'} wrapperStyle={{ fontSize: 11 }} />}
          {data.series.map((s, i) => (
            <Series
              key={s.id}
              yAxisId={s.axis}
              dataKey={`s${i}`}
              name={s.name}
              type="linear"
              stroke={seriesColor(i)}
              fill={seriesColor(i)}
              fillOpacity={style === 'line' ? 0 : 0.25}
              stackId={style === 'stacked' ? 'stack' : undefined}
              dot={(p: { index: number; cx?: number; cy?: number }) =>
                lone[i]?.has(p.index) && p.cx !== undefined && p.cy !== undefined ? <circle key={p.index} className="lone-sample" cx={p.cx} cy={p.cy} r={2.5} fill={seriesColor(i)} /> : null
              }
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
          {data.thresholds.map((t) => (
            <ReferenceLine key={`${t.label}-${t.value}`} className="threshold-line" yAxisId="left" y={t.value} stroke={t.color} strokeDasharray="6 3" />
          ))}
          {data.deployments.map((d) => (
            <ReferenceLine key={d.id} yAxisId="left" x={d.startedAt} stroke="#7c3aed" strokeDasharray="2 2" label={(p: { viewBox?: { x?: number; y?: number } }) => <DeploymentMarker x={p.viewBox?.x ?? 0} y={p.viewBox?.y ?? 0} deployment={d} onOpen={(dep, x) => setOpen({ d: dep, x })} />} />
          ))}
          {(['left', 'right'] as const).map((axis) => {
            const onAxis = points.filter((p) => p.axis === axis);
            return onAxis.length > 0 && <Scatter zIndex={EXEMPLAR_Z_INDEX} key={axis} yAxisId={axis} name="exemplars" data={onAxis} dataKey="y" isAnimationActive={false} shape={renderMark} legendType={axis === 'left' || !points.some((p) => p.axis === 'left') ? 'diamond' : 'none'} fill="#2563eb" />;
          })}
          {drag && <ReferenceArea yAxisId="left" x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="var(--accent)" fillOpacity={0.15} />}
        </ComposedChart>
      </ResponsiveContainer>
      {data.thresholds.length > 0 && (
        <ul aria-label="Thresholds" className="pointer-events-none absolute left-16 top-0 flex gap-3 text-[10px]">
          {data.thresholds.map((t) => (
            <li key={`${t.label}-${t.value}`} data-testid="threshold" data-value={t.value} style={{ color: t.color }}>
              ┄ {t.label}: {formatValue(t.value, axis.left)}
            </li>
          ))}
        </ul>
      )}
      {open && <DeploymentDetails deployment={open.d} left={open.x} timeZone={timeZone} onClose={() => setOpen(null)} />}
    </div>
  );
}
