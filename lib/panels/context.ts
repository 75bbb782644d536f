import type { CallOptions } from '@/lib/datasources/http';
import type { Alert, AlertRule, Deployment, DependencyLink, Exemplar, LogEntry, QueryResult, RangeQuery, TimeSeries, UnixMs } from '@/lib/datasources/types';
import type { Dashboard } from '@/lib/dashboards/schema';
import type { BuiltinValues } from '@/lib/dashboards/interpolate';
import { computeRateInterval, type AlignedWindow } from '@/lib/dashboards/time';
import type { Slo } from '@/lib/slo/schema';
import type { SloStatus } from '@/lib/slo/types';
import type { ResolvedWindow } from './types';

/** The window as the server uses it: range queries end at `rangeEnd`, the last step at or before `end`. */
export type PanelWindow = ResolvedWindow & Pick<AlignedWindow, 'rangeEnd'>;

/**
 * What panel resolution needs from the outside world, as plain functions: the real ones wrap the
 * datasource adapters and the database (deps.ts); unit tests pass fakes.
 */
export interface PanelDeps {
  queryRange(q: RangeQuery, opts: CallOptions): Promise<QueryResult<TimeSeries[]>>;
  queryInstant(query: string, time: UnixMs, opts: CallOptions): Promise<QueryResult<TimeSeries[]>>;
  /** Prometheus' query_exemplars over a window: exemplars of every selector in `query`. */
  queryExemplars(query: string, start: UnixMs, end: UnixMs, opts: CallOptions): Promise<QueryResult<Exemplar[]>>;
  labelValues(label: string, match: string[], range: { start: UnixMs; end: UnixMs }, opts: CallOptions): Promise<string[]>;
  alertRules(opts: CallOptions): Promise<AlertRule[]>;
  prometheusAlerts(opts: CallOptions): Promise<Alert[]>;
  alertmanagerAlerts(opts: CallOptions): Promise<Alert[]>;
  mergeAlerts(fromPrometheus: Alert[], fromAlertmanager: Alert[]): Alert[];
  queryLogs(q: { query: string; start: UnixMs; end: UnixMs; limit: number; direction: 'forward' | 'backward' }, opts: CallOptions): Promise<QueryResult<LogEntry[]>>;
  traceDependencies(end: UnixMs, lookbackMs: number, opts: CallOptions): Promise<DependencyLink[]>;
  listDeployments(f: { services: string[]; from: Date; to: Date }): Promise<Deployment[]>;
  getSlo(id: string): Slo | null;
  /** The SLO's status as of `nowMs`, computed once for every use (lib/slo/status.ts). */
  sloStatus(slo: Slo, nowMs: number, opts: CallOptions): Promise<SloStatus>;
  /** How often Prometheus scrapes (PROMETHEUS_SCRAPE_INTERVAL, seconds): $__rate_interval and how fresh a window's end is. */
  scrapeIntervalSeconds: number;
}

/** Everything a resolver of one panel knows about the request. */
export interface PanelContext {
  deps: PanelDeps;
  dashboard: Dashboard;
  window: PanelWindow;
  /** Validated variable values, by name. */
  values: Record<string, string[]>;
  builtins: BuiltinValues;
  /** Passed to every upstream call: the request's abort signal, its id, and the panel cache flag. */
  call: CallOptions;
}

/** The built-ins of a window: $__range is the range queries' span, a whole number of steps, so it stays the same (one cache key) for a step. */
export function windowBuiltins(window: PanelWindow, scrapeIntervalSeconds: number): BuiltinValues {
  return {
    rangeSeconds: (window.rangeEnd - window.start) / 1000,
    intervalSeconds: window.stepSeconds,
    rateIntervalSeconds: computeRateInterval(window.stepSeconds, scrapeIntervalSeconds),
  };
}
