import type { Alert, Deployment, Exemplar, ResultNotice, TimeSeries, TraceSummary, UnixMs } from '@/lib/datasources/types';

/**
 * What the alert and search BFF routes answer: neutral shapes shared by lib/alerts (which builds
 * them), the route handlers and the components (which draw them). No wire shapes in here.
 */

/** Alerts of one severity within one service group. */
export interface AlertSeverityGroup {
  severity: string;
  alerts: Alert[];
}

/** Alerts of one service, most severe group first. */
export interface AlertServiceGroup {
  service: string;
  firing: number;
  pending: number;
  severities: AlertSeverityGroup[];
}

export interface AlertListResponse {
  groups: AlertServiceGroup[];
  /** Every service that has an alert now, for the service filter (before filtering). */
  services: string[];
  total: number;
  notices: ResultNotice[];
}

/** One charted side of an alert expression, e.g. the long-window error ratio of a burn-rate alert. */
export interface AlertChartSeries extends TimeSeries {
  expr: string;
}

/** An exemplar with whether its event counts against the alert (an error or a too-slow request). */
export interface AlertExemplar extends Exemplar {
  bad: boolean;
}

export interface AlertRuleInfo {
  name: string;
  group: string;
  expr: string;
  forSeconds: number;
}

export interface AlertDetail {
  alert: Alert;
  rule: AlertRuleInfo | null;
  service: string | null;
  /** The value the expression is compared with, drawn as a horizontal line; null when unknown. */
  threshold: { value: number; source: string } | null;
  window: { start: UnixMs; end: UnixMs; stepSeconds: number };
  /** How to print the charted values: SLO alerts chart error ratios. */
  unit: 'ratio' | 'none';
  series: AlertChartSeries[];
  /** The selector exemplars were read for (the SLI's counter or histogram), or null. */
  exemplarQuery: string | null;
  exemplars: AlertExemplar[];
  deployments: Deployment[];
  candidates: { slowest: TraceSummary[]; errored: TraceSummary[] };
  notices: ResultNotice[];
}
