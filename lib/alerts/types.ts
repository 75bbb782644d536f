import type { MergedAlert } from '@/lib/datasources/alertmanager/to-alerts';
import type { CandidateSearch } from './candidate-search';
import type { Alert, Deployment, Exemplar, QueryWindow, ResultNotice, TimeSeries, TraceSummary, UnixMs } from '@/lib/datasources/types';

/**
 * What the alert and search BFF routes answer: neutral shapes shared by lib/alerts (which builds
 * them), the route handlers and the components (which draw them). No wire shapes in here.
 */

export type { MergedAlert };

/** Alerts of one severity within one service group. */
export interface AlertSeverityGroup<A extends Alert = MergedAlert> {
  severity: string;
  alerts: A[];
}

/** Alerts of one service, most severe group first. */
export interface AlertServiceGroup<A extends Alert = MergedAlert> {
  service: string;
  firing: number;
  pending: number;
  severities: AlertSeverityGroup<A>[];
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
  alert: MergedAlert;
  /** For an alert no longer pending or firing: about when it last stopped being active (from ALERTS); else null. */
  resolvedAt: UnixMs | null;
  rule: AlertRuleInfo | null;
  service: string | null;
  /** The value the expression is compared with, drawn as a horizontal line; null when unknown. */
  threshold: { value: number; source: string } | null;
  /** What the chart covers (toAlertWindow): from before the alert became active until now, or after it resolved. */
  window: QueryWindow;
  /** How to print the charted values: SLO alerts chart error ratios. */
  unit: 'ratio' | 'none';
  series: AlertChartSeries[];
  /** The selector exemplars were read for (the SLI's counter or histogram), or null. */
  exemplarQuery: string | null;
  exemplars: AlertExemplar[];
  deployments: Deployment[];
  /** Candidate traces from Jaeger, and where they were searched (around the alert's start). */
  candidates: { slowest: TraceSummary[]; errored: TraceSummary[]; search: CandidateSearch };
  notices: ResultNotice[];
}
