import 'server-only';
import type { z } from 'zod';
import { toSafeStep } from '@/lib/dashboards/time';
import { createDecodeOnce, decodeJson, ensureOk } from '../decode';
import { httpStatusError } from '../resilience/upstream-errors';
import type { CallOptions, HttpClient, QueryParams } from '../http';
import { encodeParams } from '../request-encoding';
import type { Alert, AlertRule, Exemplar, Labels, QueryResult, RangeQuery, RangeResult, ResultNotice, TimeSeries, UnixMs } from '../types';
import { PromAlerts, PromErrorBody, PromExemplars, PromLabelNames, PromQueryData, PromRangeData, PromRuleGroups, PromSeriesList, promEnvelope } from './schemas';
import { toAlertRules, toAlerts } from './to-alerts';
import { decodeRangeData } from './decode-matrix';
import { toExemplars, toTimeSeriesFromQuery } from './to-time-series';

// Where lib/slo (and this adapter's index) import them from; they live with the dashboards' steps.

const seconds = (t: UnixMs) => (t / 1000).toFixed(3);

/**
 * Queries whose encoded parameters fit in this many characters go as a GET, longer ones as a
 * form-encoded POST. A GET is cheaper (Prometheus answers it ~0.3 ms sooner than the same POST) and
 * 4 KiB stays well under the URL limits of Prometheus (1 MiB of headers) and of common proxies (8 KiB).
 */
export const MAX_GET_PARAMS_LENGTH = 4096;

const toNotices = (warnings: string[] | undefined, infos: string[] | undefined): ResultNotice[] =>
  [...(warnings ?? []), ...(infos ?? [])].map((message) => ({ code: 'UPSTREAM_WARNING', message }));

/** Builds the Prometheus adapter over a shared HTTP client. */
export function createPrometheusClient({ http }: { http: HttpClient }) {
  const decodeOnce = createDecodeOnce<{ data: unknown; notices: ResultNotice[] }>();
  async function call<S extends z.ZodType>(path: string, data: S, params: QueryParams, opts: CallOptions = {}, postIfLong = false, pathParams?: Record<string, string>) {
    const post = postIfLong && encodeParams(params).length > MAX_GET_PARAMS_LENGTH;
    const res = await http.request({
      path,
      pathParams,
      ...(post ? { method: 'POST' as const, form: params, idempotent: true } : { query: params }),
      signal: opts.signal,
      deadline: opts.deadline,
      requestId: opts.requestId,
      cache: opts.cache,
    });
    // Safe: decoded by this path's call, whose schema is S (see createDecodeOnce).
    return decodeOnce(res, (r) => {
      ensureOk('prometheus', r, (text) => PromErrorBody.parse(JSON.parse(text)).error);
      const body = decodeJson('prometheus', r, promEnvelope(data));
      if (body.status === 'error' || body.data === undefined) throw httpStatusError('prometheus', 422, body.error ?? 'Prometheus returned no data');
      return { data: body.data, notices: toNotices(body.warnings, body.infos) };
    }) as { data: z.infer<S>; notices: ResultNotice[] };
  }

  return {
    /** GET /api/v1/query_range (a form POST when long): a range query; the step is raised past 11,000 points. */
    async queryRange(q: RangeQuery, opts?: CallOptions): Promise<RangeResult<TimeSeries[]>> {
      const { stepSeconds, notice } = toSafeStep(q);
      const r = await call('/api/v1/query_range', PromRangeData, { query: q.query, start: seconds(q.start), end: seconds(q.end), step: String(stepSeconds) }, opts, true);
      const series = decodeRangeData(r.data);
      return { data: series, notices: notice ? [notice, ...r.notices] : r.notices, window: { start: q.start, end: q.end, stepSeconds } };
    },
    /** GET /api/v1/query (a form POST when long): an instant query at `time` (now when omitted). */
    async queryInstant(query: string, time?: UnixMs, opts?: CallOptions): Promise<QueryResult<TimeSeries[]>> {
      const r = await call('/api/v1/query', PromQueryData, { query, time: time === undefined ? undefined : seconds(time) }, opts, true);
      return { data: toTimeSeriesFromQuery(r.data), notices: r.notices };
    },
    /** GET /api/v1/query_exemplars: exemplars (with trace IDs) of the series a query selects. */
    async queryExemplars(query: string, start: UnixMs, end: UnixMs, opts?: CallOptions): Promise<QueryResult<Exemplar[]>> {
      const r = await call('/api/v1/query_exemplars', PromExemplars, { query, start: seconds(start), end: seconds(end) }, opts);
      return { data: toExemplars(r.data), notices: r.notices };
    },
    /** GET /api/v1/alerts: pending and firing alerts as Prometheus evaluates them. */
    async alerts(opts?: CallOptions): Promise<Alert[]> {
      return toAlerts((await call('/api/v1/alerts', PromAlerts, {}, opts)).data.alerts);
    },
    /** GET /api/v1/rules?type=alert: alerting rules with their expressions, labels and runbook annotations. */
    async rules(opts?: CallOptions): Promise<AlertRule[]> {
      return toAlertRules((await call('/api/v1/rules', PromRuleGroups, { type: 'alert' }, opts)).data);
    },
    /** GET /api/v1/labels: label names, optionally limited to series matching selectors. */
    async labels(match: string[] = [], range?: { start: UnixMs; end: UnixMs }, opts?: CallOptions): Promise<string[]> {
      return (await call('/api/v1/labels', PromLabelNames, { 'match[]': match, start: range && seconds(range.start), end: range && seconds(range.end) }, opts)).data;
    },
    /** GET /api/v1/label/<name>/values: values of one label. */
    async labelValues(name: string, match: string[] = [], range?: { start: UnixMs; end: UnixMs }, opts?: CallOptions): Promise<string[]> {
      const params = { 'match[]': match, start: range && seconds(range.start), end: range && seconds(range.end) };
      return (await call('/api/v1/label/{name}/values', PromLabelNames, params, opts, false, { name })).data;
    },
    /** GET /api/v1/series: label sets of the series matching selectors. */
    async series(match: string[], range?: { start: UnixMs; end: UnixMs }, opts?: CallOptions): Promise<Labels[]> {
      return (await call('/api/v1/series', PromSeriesList, { 'match[]': match, start: range && seconds(range.start), end: range && seconds(range.end) }, opts)).data;
    },
    /** GET /-/ready: Prometheus' own readiness. */
    async ready(opts?: CallOptions): Promise<void> {
      const res = await http.request({ path: '/-/ready', signal: opts?.signal, deadline: opts?.deadline, requestId: opts?.requestId });
      ensureOk('prometheus', res, (t) => t);
    },
  };
}

export type PrometheusClient = ReturnType<typeof createPrometheusClient>;
