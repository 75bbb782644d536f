import type { Unit } from '@/lib/dashboards/schema';
import type { StatData } from '@/lib/panels/types';
import { formatValue } from './format';

/** The colour of the highest threshold the value reaches (thresholds are steps), or the default text colour. */
export function pickStatColor(value: number | null, thresholds: StatData['thresholds']): string | undefined {
  if (value === null) return undefined;
  const reached = [...thresholds].sort((a, b) => a.value - b.value).filter((t) => value >= t.value);
  return reached[reached.length - 1]?.color;
}

/** A sparkline as one SVG path; gaps (null) break the line instead of dropping to zero. */
function Sparkline({ samples, color }: { samples: StatData['sparkline']; color: string }) {
  const values = samples.map((s) => s.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 2 || samples.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const t0 = samples[0]?.t ?? 0;
  const tn = samples[samples.length - 1]?.t ?? 1;
  let d = '';
  let pen = false;
  for (const s of samples) {
    if (s.value === null || !Number.isFinite(s.value)) {
      pen = false;
      continue;
    }
    const x = ((s.t - t0) / Math.max(1, tn - t0)) * 100;
    const y = 28 - (max === min ? 14 : ((s.value - min) / (max - min)) * 26);
    d += `${pen ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)} `;
    pen = true;
  }
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-8 w-full" aria-hidden>
      <path d={d} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
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
      {sparkline && <Sparkline samples={data.sparkline} color={color ?? 'var(--accent)'} />}
    </div>
  );
}
