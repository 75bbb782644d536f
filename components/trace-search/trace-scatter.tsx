'use client';

import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatTickValue, formatTimestamp, formatValue, timeAxis } from '@/components/charts/format';
import type { TraceSummary } from '@/lib/datasources/types';
import { plural } from '@/lib/text/plural';
import { usePreferredZone } from '@/components/layout/preferred-zone';

interface Point {
  t: number;
  ms: number;
  spans: number;
  trace: TraceSummary;
}

const toPoint = (trace: TraceSummary): Point => ({ t: trace.startMicros / 1000, ms: trace.durationMicros / 1000, spans: trace.spanCount, trace });

/** Duration over start time, one dot per trace (errored traces in red, size by span count); a click opens the trace. */
export function TraceScatter({ traces, onOpen }: { traces: TraceSummary[]; onOpen: (traceId: string) => void }) {
  const timeZone = usePreferredZone();
  const ok = traces.filter((t) => t.errorCount === 0).map(toPoint);
  const failed = traces.filter((t) => t.errorCount > 0).map(toPoint);
  const ts = traces.map((t) => t.startMicros / 1000);
  // The traces' time span; a minute around a single trace (or several at one instant), so the axis has a scale.
  const first = ts.length ? Math.min(...ts) : 0;
  const last = ts.length ? Math.max(...ts) : 0;
  const [start, end] = last > first ? [first, last] : [first - 30_000, last + 30_000];
  const open = (p: unknown) => {
    // recharts hands the clicked point's props, with our row under `payload`.
    const trace = (p as { payload?: Point } | null)?.payload?.trace;
    if (trace) onOpen(trace.traceId);
  };
  return (
    <figure data-testid="trace-scatter" aria-label="Trace durations over time" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="t" type="number" scale="time" {...timeAxis(start, end, timeZone)} tick={{ fontSize: 11 }} minTickGap={40} name="Start" />
          <YAxis dataKey="ms" type="number" tickFormatter={(v: number) => formatTickValue(v, 'milliseconds')} tick={{ fontSize: 11 }} width={72} name="Duration" />
          <ZAxis dataKey="spans" type="number" range={[30, 200]} name="Spans" />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as Point | undefined; // the hovered row, as given to <Scatter data>
              if (!p) return null;
              return (
                <div className="rounded border border-[var(--border)] bg-[var(--panel)] p-2 text-xs shadow">
                  <div className="font-medium">{p.trace.rootService}: {p.trace.rootOperation}</div>
                  <div>{formatValue(p.ms, 'milliseconds')} · {plural(p.spans, 'span')}{p.trace.errorCount ? ` · ${plural(p.trace.errorCount, 'error')}` : ''}</div>
                  <div className="text-[var(--muted)]">{formatTimestamp(p.t, timeZone)}</div>
                </div>
              );
            }}
          />
          <Scatter name="Traces" data={ok} fill="#2563eb" onClick={open} cursor="pointer" isAnimationActive={false} />
          <Scatter name="Traces with errors" data={failed} fill="#dc2626" onClick={open} cursor="pointer" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
