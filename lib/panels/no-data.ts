import { AppError } from '@/lib/api/errors';
import type { ResultNotice } from '@/lib/datasources/types';
import { interpolateText } from '@/lib/dashboards/interpolate';
import type { Panel } from '@/lib/dashboards/schema';
import { tableColumns } from './table';
import { toStaticThreshold } from './thresholds';
import type { PanelData, ResolvedThreshold, ResolvedWindow } from './types';

/** A panel's fixed threshold lines, which need no query: a chart with no data still shows where the line is. */
function staticThresholds(panel: Panel): ResolvedThreshold[] {
  return panel.thresholds.flatMap((t) => ('value' in t ? [toStaticThreshold(t)] : []));
}

/**
 * The answer of a panel with nothing to query (a variable it uses has no value in this window): its
 * type's empty data, which the panel shows as "No data", with the notices saying why. `values` are
 * the variables that do have values, for the names the panel shows.
 */
export function noPanelData(panel: Panel, window: ResolvedWindow, notices: ResultNotice[], values: Readonly<Record<string, readonly string[]>>): PanelData {
  const base = { window, notices };
  switch (panel.type) {
    case 'timeseries':
      return { ...base, type: 'timeseries', series: [], thresholds: staticThresholds(panel), deployments: [], ...(panel.exemplars ? { exemplars: [] } : {}) };
    case 'stat':
      return { ...base, type: 'stat', value: null, sparkline: [], thresholds: staticThresholds(panel), deployments: [] };
    case 'table':
      return { ...base, type: 'table', columns: tableColumns(panel), rows: [] };
    case 'logs':
      return { ...base, type: 'logs', entries: [] };
    case 'alerts':
      return { ...base, type: 'alerts', alerts: [] };
    case 'dependencies':
      return { ...base, type: 'dependencies', service: interpolateText(panel.service, values), edges: [] };
    case 'slo':
      throw new AppError('INTERNAL', `SLO panel "${panel.id}" uses no variables, so it always has data to ask for`);
    case 'markdown':
      return { ...base, type: 'markdown', content: panel.content };
  }
}
