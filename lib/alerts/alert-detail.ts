import 'server-only';
import { notFound } from '@/lib/api/errors';
import { getSlo } from '@/lib/dashboards/load';
import type { CallOptions } from '@/lib/datasources/http';
import { jaeger, type TraceSearch } from '@/lib/datasources/jaeger';
import { prometheus } from '@/lib/datasources/prometheus';
import type { MergedAlert } from '@/lib/datasources/alertmanager/to-alerts';
import { asUnixMs, type Alert, type AlertRule, type Deployment, type ResultNotice, type TraceSummary, type UnixMs } from '@/lib/datasources/types';
import { listDeployments } from '@/lib/deployments/store';
import { readRuleThreshold, toAlertThreshold, toChartExpressions } from './alert-expression';
import { findAlert, type AlertLookup } from './alert-id';
import { ENVIRONMENT_TAG, toCandidateSearch, toJaegerDuration, toSlowThresholdSeconds, type CandidateSearch } from './candidate-search';
import { toExpressionExemplarSource, toSloExemplarSource, type ExemplarSource } from './exemplar-source';
import { toAlertEnvironment, toAlertService } from './group-alerts';
import { lastActiveRange, LAST_ACTIVE_STEP_SECONDS, toLastActivePeriod, toLastActiveQuery, type LastActivePeriod } from './last-active';
import { loadCurrentAlerts } from './list-alerts';
import type { AlertChartSeries, AlertDetail, AlertExemplar } from './types';

const HOUR_MS = 3_600_000;
/** Points per charted series: enough to see the shape, few enough to draw at once. */
const TARGET_POINTS = 300;
const MAX_SERIES = 12;
const MAX_EXEMPLARS = 300;
const CANDIDATES = 10;
/** Traces read to pick the slowest from (Jaeger answers the newest first). */
const SLOW_SEARCH_LIMIT = 50;

/**
 * The charted window: from an hour before the alert became active until now (at least one hour).
 * For an alert that has resolved, it ends an hour after it did (never past now).
 */
export function toAlertWindow(activeAt: UnixMs | null, now: number, resolvedAt: UnixMs | null = null): AlertDetail['window'] {
  const end = resolvedAt === null ? now : Math.min(now, resolvedAt + HOUR_MS);
  const start = Math.min((activeAt ?? end) - HOUR_MS, end - HOUR_MS);
  const stepSeconds = Math.max(1, Math.ceil((end - start) / 1000 / TARGET_POINTS));
  return { start: asUnixMs(Math.floor(start / 1000) * 1000), end: asUnixMs(end), stepSeconds };
}

/** The alerting rule behind an alert: same name, and the rule's labels all present on the alert. */
export function findRule(rules: AlertRule[], alert: Pick<Alert, 'name' | 'labels'>): AlertRule | null {
  return rules.find((r) => r.name === alert.name && Object.entries(r.labels).every(([k, v]) => alert.labels[k] === v)) ?? null;
}

/** Keeps the bad exemplars first, then the newest, up to the cap; returns them oldest first. */
export function selectExemplars(exemplars: AlertExemplar[], max = MAX_EXEMPLARS): AlertExemplar[] {
  const kept = [...exemplars].sort((a, b) => Number(b.bad) - Number(a.bad) || b.t - a.t).slice(0, max);
  return kept.sort((a, b) => a.t - b.t);
}

/** An alert that has resolved since the link was made: rebuilt from its rule so the page can still chart it. */
function toResolvedAlert(rule: AlertRule, lookup: AlertLookup, activeAt: UnixMs | null): MergedAlert {
  const labels = { ...rule.labels, ...lookup.labels, alertname: rule.name };
  return { id: lookup.id, name: rule.name, labels, annotations: rule.annotations, state: 'inactive', activeAt, value: null, silenced: false, inhibited: false, silencedBy: [], inhibitedBy: [], generatorUrl: null, inAlertmanager: false };
}

/** The rule a link names: the rule of that name whose labels the link's labels include, else the first of that name. */
function findLinkedRule(rules: AlertRule[], lookup: AlertLookup): AlertRule | null {
  if (!lookup.alertname) return null;
  return findRule(rules, { name: lookup.alertname, labels: lookup.labels ?? {} }) ?? rules.find((r) => r.name === lookup.alertname) ?? null;
}

async function settle<T>(p: Promise<T>, fallback: T, what: string, notices: ResultNotice[]): Promise<T> {
  try {
    return await p;
  } catch (err) {
    notices.push({ code: 'PARTIAL', message: `${what}: ${err instanceof Error ? err.message : String(err)}` });
    return fallback;
  }
}

/** When a resolved alert was last active, from its ALERTS series over the last week; undefined when Prometheus failed. */
async function findLastActive(lookup: AlertLookup, rule: AlertRule, now: number, opts: CallOptions, notices: ResultNotice[]) {
  const query = toLastActiveQuery(rule.name, lookup.labels);
  const read = prometheus()
    .queryRange({ query, ...lastActiveRange(now), stepSeconds: LAST_ACTIVE_STEP_SECONDS }, opts)
    .then((r) => toLastActivePeriod(r.data, r.window.stepSeconds));
  return settle<LastActivePeriod | null | undefined>(read, undefined, 'When this alert was last active could not be read', notices);
}

/** What the page says about an alert rebuilt from its rule; `lastActive` is undefined when it could not be read. */
function describeResolved(lastActive: LastActivePeriod | null | undefined): string {
  if (lastActive) return 'This alert is no longer pending or firing; showing its rule around when it was last active.';
  if (lastActive === null) return 'This alert is no longer pending or firing and was not active in the last 7 days; showing its rule over the last hour.';
  return 'This alert is no longer pending or firing; showing its rule over the last hour.';
}

/** A Jaeger trace search whose notices (e.g. PARTIAL: some traces could not be read) join the page's. */
const searchWithNotices = (q: TraceSearch, opts: CallOptions, notices: ResultNotice[]): Promise<TraceSummary[]> =>
  jaeger().searchTraces(q, opts).then((r) => (notices.push(...r.notices), r.data));

/** Slowest and errored traces of the service around the alert's start, from Jaeger. */
async function findCandidates(service: string, search: CandidateSearch, opts: CallOptions, notices: ResultNotice[]): Promise<AlertDetail['candidates']> {
  const { start, end } = search;
  const env: Record<string, string> = search.environment ? { [ENVIRONMENT_TAG]: search.environment } : {};
  const minDuration = search.minDurationSeconds === null ? undefined : toJaegerDuration(search.minDurationSeconds);
  const [slow, errored] = await Promise.all([
    settle(searchWithNotices({ service, start, end, minDuration, tags: env, limit: SLOW_SEARCH_LIMIT }, opts, notices), [] as TraceSummary[], 'Jaeger search for slow traces failed', notices),
    settle(searchWithNotices({ service, start, end, tags: { ...env, error: 'true' }, limit: CANDIDATES }, opts, notices), [] as TraceSummary[], 'Jaeger search for errored traces failed', notices),
  ]);
  return { slowest: [...slow].sort((a, b) => b.durationMicros - a.durationMicros).slice(0, CANDIDATES), errored, search };
}

/**
 * Everything the alert page shows: the alert and its rule, its expression charted around its start
 * with the threshold, exemplars of the SLI's metric, nearby deployments of its service and
 * candidate traces from Jaeger. Each part that fails becomes a notice; only a missing alert fails.
 */
export async function loadAlertDetail(lookup: AlertLookup, ctx: { environment?: string; now?: number }, opts: CallOptions = {}): Promise<AlertDetail> {
  const now = ctx.now ?? Date.now();
  const [{ alerts, fingerprints, notices }, rules] = await Promise.all([loadCurrentAlerts(opts), prometheus().rules(opts)]);
  let alert = findAlert(alerts, lookup, fingerprints);
  let resolvedAt: UnixMs | null = null;
  // The rule a resolved alert is rebuilt from; a current alert's rule is found from its labels.
  let linked: AlertRule | null = null;
  if (!alert) {
    linked = findLinkedRule(rules, lookup);
    if (!linked) throw notFound('Alert', lookup.alertname ?? lookup.id);
    const lastActive = await findLastActive(lookup, linked, now, opts, notices);
    alert = toResolvedAlert(linked, lookup, lastActive?.start ?? null);
    resolvedAt = lastActive?.end ?? null;
    notices.push({ code: 'PARTIAL', message: describeResolved(lastActive) });
  }
  const rule = linked ?? findRule(rules, alert);
  const threshold = rule ? readRuleThreshold(rule) : null;
  const slo = alert.labels.slo ? getSlo(alert.labels.slo) : null;
  const service = toAlertService(alert) ?? slo?.service ?? null;
  const environment = ctx.environment ?? toAlertEnvironment(alert) ?? undefined;
  const window = toAlertWindow(alert.activeAt, now, resolvedAt);
  if (!rule) notices.push({ code: 'PARTIAL', message: `Prometheus has no alerting rule named ${alert.name} with these labels, so its expression cannot be charted.` });

  const exprs = rule ? toChartExpressions(rule.query) : [];
  const source: ExemplarSource | null = slo ? toSloExemplarSource(slo) : rule ? toExpressionExemplarSource(rule.query) : null;
  const search = toCandidateSearch({ activeAt: alert.activeAt, now, minDurationSeconds: toSlowThresholdSeconds(slo, rule, threshold), environment });

  const [seriesLists, exemplars, deployments, candidates] = await Promise.all([
    Promise.all(
      exprs.map((expr) =>
        settle(
          prometheus()
            .queryRange({ query: expr, start: window.start, end: window.end, stepSeconds: window.stepSeconds }, opts)
            .then((r) => (notices.push(...r.notices), r.data.map((s): AlertChartSeries => ({ ...s, name: exprs.length > 1 ? `${expr}${s.name && s.name !== '{}' ? ` ${s.name}` : ''}` : s.name || expr, expr })))),
          [] as AlertChartSeries[],
          `Charting ${expr} failed`,
          notices,
        ),
      ),
    ),
    source
      ? settle(
          prometheus()
            .queryExemplars(source.query, window.start, window.end, opts)
            .then((r) => r.data.filter((e) => e.traceId).map((e): AlertExemplar => ({ ...e, bad: source.isBad(e) }))),
          [] as AlertExemplar[],
          'Exemplars could not be read',
          notices,
        )
      : Promise.resolve([] as AlertExemplar[]),
    service
      ? settle(listDeployments({ services: [service], environment, from: new Date(window.start), to: new Date(window.end), limit: 50 }), [] as Deployment[], 'Deployments could not be read', notices)
      : Promise.resolve([] as Deployment[]),
    service ? findCandidates(service, search, opts, notices) : Promise.resolve({ slowest: [], errored: [], search }),
  ]);

  const series = seriesLists.flat();
  if (series.length > MAX_SERIES) notices.push({ code: 'PARTIAL', message: `Showing ${MAX_SERIES} of ${series.length} series of the expression.` });
  return {
    alert,
    resolvedAt,
    rule: rule ? { name: rule.name, group: rule.group, expr: rule.query, forSeconds: rule.durationSeconds } : null,
    service,
    threshold: toAlertThreshold(threshold),
    window,
    unit: slo || rule?.annotations.error_ratio_threshold ? 'ratio' : 'none',
    series: series.slice(0, MAX_SERIES),
    exemplarQuery: source?.query ?? null,
    exemplars: selectExemplars(exemplars),
    deployments,
    candidates,
    notices,
  };
}
