import type { SloStatus } from '@/lib/slo/types';
import type { Alert, Deployment, Labels, LogEntry, QueryWindow, ResultNotice, Sample, TimeSeries, UnixMs } from '@/lib/datasources/types';
import type { Unit } from '@/lib/dashboards/schema';

/**
 * What `GET /api/dashboards/{slug}/panels/{panelId}` answers: neutral data per panel type. Shared by
 * the BFF (which builds it) and the chart components (which draw it); no wire shapes in here.
 */

/**
 * The time window a panel was resolved for (lib/dashboards/time.ts alignWindow): it starts on the
 * step and ends at now (or `to`) to within a scrape interval; a chart's points sit on the step.
 */
export type ResolvedWindow = QueryWindow;

/** A series of a time series panel, tagged with the query it came from. */
export interface PanelSeries extends TimeSeries {
  queryId: string;
  unit: Unit;
  axis: 'left' | 'right';
}

/** A threshold line at a resolved value; `source` says where the value came from. */
export interface ResolvedThreshold {
  value: number;
  label: string;
  color: string;
  source: 'static' | 'alert-rule';
  /** The alert rule's name when the value was read from one. */
  alertRule?: string;
}

/** An exemplar of a panel query: one traced event, drawn on its series line and linked to its trace. */
export interface PanelExemplar {
  t: UnixMs;
  /** The observed value in the query's unit (seconds for a latency histogram), not the charted value. */
  value: number;
  traceId: string;
  spanId?: string;
  /** The query (`queries[].id`) whose selectors it was read for; it is drawn on that query's series. */
  queryId: string;
  /** Labels of the histogram or counter series that holds it (e.g. its bucket's `le`). */
  seriesLabels: Labels;
}

interface PanelDataBase {
  window: ResolvedWindow;
  notices: ResultNotice[];
}

export interface TimeseriesData extends PanelDataBase {
  type: 'timeseries';
  series: PanelSeries[];
  thresholds: ResolvedThreshold[];
  deployments: Deployment[];
  /** Present only when the panel asks for exemplars (`"exemplars": true`): oldest first, at most 500. */
  exemplars?: PanelExemplar[];
}

export interface StatData extends PanelDataBase {
  type: 'stat';
  /** The reduced value; null means no data (never shown as zero). */
  value: number | null;
  sparkline: Sample[];
  thresholds: ResolvedThreshold[];
  deployments: Deployment[];
}

export interface SloData extends PanelDataBase {
  type: 'slo';
  /** The same status the SLO pages show (lib/slo/status.ts); state 'no_data' when nothing was measured. */
  status: SloStatus;
}

export interface AlertsData extends PanelDataBase {
  type: 'alerts';
  alerts: Alert[];
}

export interface LogsData extends PanelDataBase {
  type: 'logs';
  entries: LogEntry[];
}

export interface TableColumn {
  header: string;
  kind: 'label' | 'value';
  unit: Unit;
}

export interface TableData extends PanelDataBase {
  type: 'table';
  columns: TableColumn[];
  /** One cell per column: a label value, a number, or null (no data). */
  rows: { key: string; cells: (string | number | null)[] }[];
}

/** One edge of the service graph as seen from the panel's service. */
export interface DependencyEdge {
  direction: 'upstream' | 'downstream';
  /** The other service (caller for upstream, callee for downstream). */
  service: string;
  /** Requests per second over the window; null when Prometheus has no series for the edge. */
  rate: number | null;
  errorRatio: number | null;
  p95Seconds: number | null;
  /** Calls Jaeger saw on this edge in the window; null when Jaeger does not know it. */
  traceCalls: number | null;
}

export interface DependenciesData extends PanelDataBase {
  type: 'dependencies';
  service: string;
  edges: DependencyEdge[];
}

export interface MarkdownData extends PanelDataBase {
  type: 'markdown';
  content: string;
}

export type PanelData = TimeseriesData | StatData | SloData | AlertsData | LogsData | TableData | DependenciesData | MarkdownData;

/** Options of a query variable, for the variables bar. */
export interface VariableOptions {
  name: string;
  options: string[];
  /** Values of the variables its selector uses that do not occur in the range (PARTIAL). */
  notices: ResultNotice[];
}
