import type { Unit } from '@/lib/dashboards/schema';

/** What axisUnits reads of a query or a series: its own unit, if any, and its axis. */
export interface OnAxis {
  unit?: Unit;
  axis: 'left' | 'right';
}

/**
 * The unit of each y axis of a time series chart: that of the queries (or series) drawn on it, a
 * query's own unit before the panel's. Lint allows one unit per axis, so the first one speaks for all.
 */
export function axisUnits(items: readonly OnAxis[], panelUnit: Unit): { left: Unit; right: Unit } {
  const of = (axis: OnAxis['axis']) => items.find((i) => i.axis === axis)?.unit ?? panelUnit;
  return { left: of('left'), right: of('right') };
}
