import type { Unit } from '@/lib/dashboards/schema';
import type { StatData } from '@/lib/panels/types';
import { isGap } from './chart-rows';
import { formatValue } from './format';

/** The colour of the highest threshold the value reaches (thresholds are steps), or the default text colour. */
export function pickStatColor(value: number | null, thresholds: StatData['thresholds']): string | undefined {
  if (value === null) return undefined;
  const reached = [...thresholds].sort((a, b) => a.value - b.value).filter((t) => value >= t.value);
  return reached[reached.length - 1]?.color;
}

/**
 * The sparkline's SVG path in a 100×30 box across the panel's window: a missing value (null, ±Inf)
 * or missing samples (more than a step apart) break the line instead of bridging the hole. A sample
 * alone between breaks is in `lone`, as a zero-length segment that a round line cap draws as a dot
 * (a circle would be stretched with the box). Null without a value to draw.
 */
export function sparklinePath(samples: StatData['sparkline'], window: StatData['window']): { line: string; lone: string } | null {
  const drawn = samples.filter((s): s is typeof s & { value: number } => s.value !== null && Number.isFinite(s.value));
  if (drawn.length === 0) return null;
  const values = drawn.map((s) => s.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = Math.max(1, window.end - window.start);
  const stepMs = window.stepSeconds * 1000;
  const runs: string[][] = [];
  let prevT: number | null = null;
  for (const s of samples) {
    const value = s.value;
    if (value === null || !Number.isFinite(value)) {
      prevT = null;
      continue;
    }
    const x = ((s.t - window.start) / span) * 100;
    const y = 28 - (max === min ? 14 : ((value - min) / (max - min)) * 26);
    const point = `${x.toFixed(2)},${y.toFixed(2)}`;
    const run = runs[runs.length - 1];
    if (run && prevT !== null && !isGap(prevT, s.t, stepMs)) run.push(point);
    else runs.push([point]);
    prevT = s.t;
  }
  const lines = runs.filter((r) => r.length > 1).map(([first, ...rest]) => `M${first} ${rest.map((p) => `L${p}`).join(' ')}`);
  const lone = runs.filter((r) => r.length === 1).map(([p]) => `M${p} h0`);
  return { line: lines.join(' '), lone: lone.join(' ') };
}

function Sparkline({ data, color }: { data: StatData; color: string }) {
  const d = sparklinePath(data.sparkline, data.window);
  if (!d) return null;
  const pen = { fill: 'none', stroke: color, strokeLinecap: 'round', strokeLinejoin: 'round', vectorEffect: 'non-scaling-stroke' } as const;
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-8 w-full" aria-hidden>
      {d.line && <path d={d.line} strokeWidth={1.5} {...pen} />}
      {d.lone && <path d={d.lone} strokeWidth={4} data-testid="sparkline-lone" {...pen} />}
    </svg>
  );
}

/** A single big number, coloured by its thresholds, with a sparkline; no data says "No data". */
export function StatView({ data, unit, decimals, sparkline }: { data: StatData; unit: Unit; decimals?: number; sparkline: boolean }) {
  const color = pickStatColor(data.value, data.thresholds);
  return (
    <div className="flex h-full flex-col justify-center gap-1">
      {data.value === null ? (
        <p className="text-2xl font-semibold text-[var(--muted)]" data-testid="no-data">No data</p>
      ) : (
        <p className="text-3xl font-semibold tabular-nums" style={color ? { color } : undefined} data-testid="stat-value">
          {formatValue(data.value, unit, decimals)}
        </p>
      )}
      {sparkline && <Sparkline data={data} color={color ?? 'var(--accent)'} />}
    </div>
  );
}
