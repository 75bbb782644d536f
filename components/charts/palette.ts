/** Series colours, distinguishable in light and dark themes, in the order series are drawn. */
const SERIES_COLORS = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563'];

/** The colour of the i-th series (cycles past the palette). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? '#2563eb';
}
