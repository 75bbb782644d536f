import type { z } from 'zod';
import type { ResultNotice, TimeSeries } from '@/lib/datasources/types';
import { interpolateQuery } from '@/lib/dashboards/interpolate';
import type { TablePanelSchema } from '@/lib/dashboards/schema';
import { seriesCappedNotice } from '@/lib/datasources/series-limit';
import type { PanelContext } from './context';
import { PANEL_MAX_SERIES } from './timeseries';
import type { TableColumn, TableData } from './types';

type TablePanel = z.infer<typeof TablePanelSchema>;

/** The last non-gap value of a series, or null. */
function lastValue(s: TimeSeries): number | null {
  for (let i = s.samples.length - 1; i >= 0; i--) {
    const v = s.samples[i]?.value;
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/** The columns a table panel shows: label columns and value columns with their unit. */
export function tableColumns(panel: TablePanel): TableColumn[] {
  return panel.columns.map((c) => ({ header: c.header, kind: c.label ? 'label' : 'value', unit: c.unit ?? 'none' }));
}

/**
 * A table of instant queries at the end of the window. Rows are the distinct combinations of the
 * label columns across all queries; each value column shows its query's series with those labels.
 */
export async function resolveTable(ctx: PanelContext, panel: TablePanel): Promise<TableData> {
  const notices: ResultNotice[] = [];
  const results = await Promise.all(
    panel.queries.map(async (q) => {
      const r = await ctx.deps.queryInstant(interpolateQuery(q.expr, ctx.values, ctx.builtins), ctx.window.end, ctx.call);
      notices.push(...r.notices);
      return [q.id, r.data] as const;
    }),
  );
  const labelCols = panel.columns.flatMap((c) => (c.label ? [c.label] : []));
  const keyOf = (labels: Record<string, string>) => JSON.stringify(labelCols.map((l) => labels[l] ?? ''));
  // Each query's series by row key (the first of several with the same key, as before), and the rows in order of appearance.
  const byQuery = new Map<string, Map<string, TimeSeries>>();
  const rows = new Map<string, Record<string, string>>();
  for (const [queryId, series] of results) {
    const byKey = new Map<string, TimeSeries>();
    for (const s of series) {
      const key = keyOf(s.labels);
      if (!byKey.has(key)) byKey.set(key, s);
      rows.set(key, s.labels);
    }
    byQuery.set(queryId, byKey);
  }

  const columns = tableColumns(panel);
  const tableRows = [...rows.entries()].map(([key, labels]) => ({
    key,
    cells: panel.columns.map((c): string | number | null => {
      if (c.label) return labels[c.label] ?? '';
      const match = byQuery.get(c.queryId ?? '')?.get(key);
      return match ? lastValue(match) : null;
    }),
  }));
  const sortIndex = panel.sortBy ? panel.columns.findIndex((c) => c.header === panel.sortBy) : -1;
  if (sortIndex >= 0) {
    const num = (v: string | number | null) => (typeof v === 'number' ? v : -Infinity);
    tableRows.sort((a, b) => num(b.cells[sortIndex] ?? null) - num(a.cells[sortIndex] ?? null));
  }
  // Capped after sorting: a "top N" table keeps its top rows.
  if (tableRows.length > PANEL_MAX_SERIES) notices.push(seriesCappedNotice(tableRows.length, PANEL_MAX_SERIES, { returned: 'The table has', unit: 'rows' }));
  return { type: 'table', window: ctx.window, notices, columns, rows: tableRows.slice(0, PANEL_MAX_SERIES) };
}
