import type { Sample } from '@/lib/datasources/types';

/** One x position of a chart: the time and each series' value there (`s0`, `s1`, …). */
export type Row = Record<string, number | null>;

/** Whether two samples `stepMs` apart at most (with slack) are further apart: data is missing between them. */
export function isGap(prevT: number, t: number, stepMs: number): boolean {
  return stepMs > 0 && t - prevT > 1.5 * stepMs;
}

/**
 * Lines up several series on shared time rows for recharts. With `stepSeconds`, a hole of more
 * than one step in a series becomes a null, so the line breaks instead of bridging missing data;
 * so does an infinite value, which no axis can show.
 */
export function toChartRows(series: readonly { samples: readonly Sample[] }[], stepSeconds?: number): Row[] {
  const rows = new Map<number, Row>();
  const stepMs = stepSeconds ? stepSeconds * 1000 : 0;
  const put = (t: number, key: string, value: number | null) => {
    const row = rows.get(t) ?? { t };
    row[key] = value;
    rows.set(t, row);
  };
  series.forEach((s, i) => {
    let prev: number | null = null;
    for (const p of s.samples) {
      // A hole of more than one step is missing data: a null breaks the line there, so "no data"
      // never looks like a straight line between the samples around it.
      if (prev !== null && isGap(prev, p.t, stepMs)) put(prev + stepMs, `s${i}`, null);
      // ±Inf has no place on an axis: the line breaks there (tables and tooltips of stats print it).
      put(p.t, `s${i}`, p.value !== null && Number.isFinite(p.value) ? p.value : null);
      prev = p.t;
    }
  });
  return [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
}

const isFiniteValue = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Indexes of the rows where series `key` has a value and neither neighbouring row has one: a lone
 * sample between gaps (or at an end), which a broken line cannot draw, so the chart marks it with a dot.
 */
export function loneSampleRows(rows: readonly Row[], key: string): Set<number> {
  const lone = new Set<number>();
  rows.forEach((row, i) => {
    if (isFiniteValue(row[key]) && !isFiniteValue(rows[i - 1]?.[key]) && !isFiniteValue(rows[i + 1]?.[key])) lone.add(i);
  });
  return lone;
}

/** A y axis' domain for recharts: numbers, 'auto', or functions of the data's minimum and maximum. */
export type YDomain = [number | 'auto' | ((dataMin: number) => number), number | 'auto' | ((dataMax: number) => number)];

/**
 * The left axis' domain: the dashboard's yMin/yMax where set; otherwise from 0 (or a round number
 * below negative data) to a round number at or above the data's maximum (niceCeil), raised so that
 * every threshold shows with 10% headroom. The axis then reads 0, 0.5, 1, 1.5, 2 rather than ticks
 * 0.45 apart. With no finite data there is no maximum to raise, so the thresholds set the range
 * themselves (from 0, or from the lowest threshold when it is negative): a "No data" chart still
 * shows where the alert pages; without thresholds either, the axis is left to recharts.
 */
export function yAxisDomain(opts: { yMin?: number; yMax?: number; thresholds: readonly number[]; hasData: boolean }): YDomain {
  const { yMin, yMax, thresholds, hasData } = opts;
  const highest = thresholds.length > 0 ? Math.max(...thresholds) : null;
  const top = highest === null ? -Infinity : highest + (Math.abs(highest) * 0.1 || 1);
  if (hasData) {
    const bottom = (dataMin: number) => (dataMin >= 0 ? 0 : -niceCeil(-dataMin));
    // Negative data ends at 0; a flat zero line still gets an axis (0 to 1), not a range of nothing.
    const ceiling = (dataMax: number) => {
      const highestShown = Math.max(dataMax, top);
      return highestShown > 0 ? niceCeil(highestShown) : highestShown < 0 ? 0 : 1;
    };
    return [yMin ?? bottom, yMax ?? ceiling];
  }
  if (highest === null) return [yMin ?? 'auto', yMax ?? 'auto'];
  return [yMin ?? Math.min(0, ...thresholds), yMax ?? niceCeil(top)];
}

/** Tops whose quarters are round too (0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2 times a power of ten): the axis draws five ticks. */
const NICE_MANTISSAS = [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10];

/**
 * The smallest round number (1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6 or 8 times a power of ten) at or above
 * a positive `x`, so that an axis the code sets ends, and is divided, on readable ticks (0, 250 ms,
 * 500 ms, 750 ms, 1 s rather than a top of 985.5 ms or quarters of 2.5 s); other values as they are.
 */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const power = 10 ** Math.floor(Math.log10(x));
  const mantissa = NICE_MANTISSAS.find((m) => m * power >= x * (1 - 1e-12)) ?? 10;
  return Number((mantissa * power).toPrecision(12));
}

/** Whether any row holds a finite value of a left-axis series (`s<i>` for each index in `left`). */
export function hasFiniteValues(rows: readonly Row[], left: readonly number[]): boolean {
  return rows.some((row) => left.some((i) => isFiniteValue(row[`s${i}`])));
}
