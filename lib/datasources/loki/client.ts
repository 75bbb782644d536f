import 'server-only';
import { AppError } from '@/lib/api/errors';
import { toSafeStep } from '@/lib/dashboards/time';
import { decodeJson, ensureOk } from '../decode';
import type { CallOptions, HttpClient, QueryParams } from '../http';
import { toTimeSeries, toTimeSeriesFromVector } from '../prometheus/to-time-series';
import type { LogEntry, QueryResult, RangeQuery, RangeResult, ResultNotice, TimeSeries, UnixMs } from '../types';
import { LokiLabels, LokiQueryResponse } from './schemas';
import { toLogEntries } from './to-log-entries';

/** Loki's default `max_entries_limit_per_query`: one request never returns more (the env's LOKI_MAX_ENTRIES sets the one in use). */
export const LOKI_SERVER_ENTRY_CAP = 5_000;
/** Pages allowed past what a query's limit needs with half of each page new (the rest boundary entries read again): a bound against runaway paging. */
const EXTRA_PAGES = 20;

export interface LogQuery {
  query: string;
  start: UnixMs;
  end: UnixMs;
  /** Entries wanted in total; fetched in pages of at most the server cap. */
  limit: number;
  direction?: 'forward' | 'backward';
}

/**
 * Loki answered a log query with numbers or a metric query with lines: the query is of the other
 * kind. INVALID_INPUT (400) if it reaches a user; runLogQl catches it (isWrongQueryKind) and asks again.
 */
function wrongQueryKind(asked: 'log' | 'metric'): AppError {
  const message = asked === 'log'
    ? 'this is a metric query (it returns numbers, not log lines); run it as a metric query'
    : 'this is a log query (it returns log lines, not numbers); run it as a log query';
  return new AppError('INVALID_INPUT', message, { details: { datasource: 'loki', wrongQueryKind: asked } });
}

/** Whether `err` says a LogQL query was run as the wrong kind (log vs metric). */
export function isWrongQueryKind(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'INVALID_INPUT') return false;
  const details = err.details;
  return typeof details === 'object' && details !== null && 'wrongQueryKind' in details;
}

const ns = (t: UnixMs | bigint) => (typeof t === 'bigint' ? t.toString() : `${BigInt(Math.round(t)) * 1_000_000n}`);
// Loki answers errors as plain text ("parse error at line 1, col 15: ...").
const plainText = (text: string) => text.trim() || null;

/** Builds the Loki adapter over a shared HTTP client; `serverCap` is the server's per-query entry limit. */
export function createLokiClient({ http, serverCap = LOKI_SERVER_ENTRY_CAP }: { http: HttpClient; serverCap?: number }) {
  async function queryRangeRaw(params: QueryParams, opts: CallOptions = {}) {
    const res = await http.request({
      path: '/loki/api/v1/query_range',
      query: params,
      headers: { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' },
      signal: opts.signal,
      deadline: opts.deadline,
      requestId: opts.requestId,
      cache: opts.cache,
    });
    ensureOk('loki', res, plainText);
    return decodeJson('loki', res, LokiQueryResponse);
  }

  async function labelList(path: string, pathParams: Record<string, string> | undefined, range: { start: UnixMs; end: UnixMs } | undefined, query: string | undefined, opts: CallOptions = {}) {
    const res = await http.request({ path, pathParams, query: { start: range && ns(range.start), end: range && ns(range.end), query }, signal: opts.signal, deadline: opts.deadline, requestId: opts.requestId });
    ensureOk('loki', res, plainText);
    return [...decodeJson('loki', res, LokiLabels).data].sort();
  }

  return {
    /**
     * GET /loki/api/v1/query_range for a log query: pages by time across the server's entry cap and
     * adds ENTRIES_CAPPED when more entries exist than were returned (never dropping any silently).
     */
    async queryLogs(q: LogQuery, opts?: CallOptions): Promise<QueryResult<LogEntry[]>> {
      const direction = q.direction ?? 'backward';
      let start = BigInt(ns(q.start));
      let end = BigInt(ns(q.end));
      const seen = new Set<string>();
      const entries: LogEntry[] = [];
      const warnings = new Set<string>();
      const which = direction === 'backward' ? 'newest' : 'oldest';
      let capped: string | null = null;
      // Entries at the boundary nanosecond are read again on the next page; ask for that many more.
      let overlap = 0;
      const maxPages = Math.ceil(q.limit / Math.max(1, Math.floor(serverCap / 2))) + EXTRA_PAGES;
      for (let page = 0; ; page++) {
        if (page === maxPages) {
          capped = `Showing the ${which} ${entries.length} entries; narrow the time range or the query to see the rest`;
          break;
        }
        // One more than still wanted: a full page then proves that more entries exist than are shown.
        const want = Math.min(serverCap, q.limit - entries.length + overlap + 1);
        const r = await queryRangeRaw({ query: q.query, start: ns(start), end: ns(end), limit: want, direction }, opts);
        if (r.data.resultType !== 'streams') throw wrongQueryKind('log');
        for (const w of r.warnings ?? []) warnings.add(w);
        const got = toLogEntries(r.data.result, direction);
        for (const e of got) {
          const key = `${e.id.slice(0, e.id.lastIndexOf(':'))}:${e.line}`;
          if (seen.has(key)) continue;
          if (entries.length >= q.limit) {
            capped = `Showing the ${which} ${entries.length} entries; narrow the time range or the query to see the rest`;
            break;
          }
          seen.add(key);
          entries.push(e);
        }
        // Capped, or fewer than asked for: nothing more in the range.
        if (capped || got.length < want) break;
        // A full page short of the limit (it was the server's cap). The next one starts at the boundary
        // entry's nanosecond (Loki's end is exclusive, start inclusive).
        const edgeNs = got[got.length - 1]!.ns;
        overlap = got.filter((e) => e.ns === edgeNs).length;
        if (overlap >= serverCap) {
          // A whole page at one nanosecond: Loki cannot page within it, so the rest of it cannot be read.
          capped = `Showing the ${which} ${entries.length} entries: at least ${serverCap} entries share the instant ${edgeNs} ns, as many as Loki returns at once, so some of them and everything ${direction === 'backward' ? 'older' : 'newer'} are not shown; narrow the query to see them`;
          break;
        }
        if (direction === 'backward') end = BigInt(edgeNs) + 1n;
        else start = BigInt(edgeNs);
      }
      const notices: ResultNotice[] = [...warnings].map((message) => ({ code: 'UPSTREAM_WARNING', message }));
      if (capped) notices.push({ code: 'ENTRIES_CAPPED', message: capped });
      return { data: entries, notices };
    },
    /**
     * GET /loki/api/v1/query_range for a metric query (e.g. `sum by (level) (count_over_time(...))`);
     * the step is raised past 11,000 points, as for Prometheus. A log query throws (isWrongQueryKind).
     */
    async queryMetrics(q: RangeQuery, opts?: CallOptions): Promise<RangeResult<TimeSeries[]>> {
      const { stepSeconds, notice } = toSafeStep(q);
      const r = await queryRangeRaw({ query: q.query, start: ns(q.start), end: ns(q.end), step: `${stepSeconds}s` }, opts);
      const warnings: ResultNotice[] = [...new Set(r.warnings ?? [])].map((message) => ({ code: 'UPSTREAM_WARNING', message }));
      const notices = notice ? [notice, ...warnings] : warnings;
      const window = { start: q.start, end: q.end, stepSeconds };
      if (r.data.resultType === 'matrix') return { data: toTimeSeries(r.data.result), notices, window };
      if (r.data.resultType === 'vector') return { data: toTimeSeriesFromVector(r.data.result), notices, window };
      throw wrongQueryKind('metric');
    },
    /** GET /loki/api/v1/labels: indexed label names. */
    labels: (range?: { start: UnixMs; end: UnixMs }, opts?: CallOptions) => labelList('/loki/api/v1/labels', undefined, range, undefined, opts),
    /** GET /loki/api/v1/label/<name>/values: values of one indexed label, optionally under a selector. */
    labelValues: (name: string, range?: { start: UnixMs; end: UnixMs }, selector?: string, opts?: CallOptions) =>
      labelList('/loki/api/v1/label/{name}/values', { name }, range, selector, opts),
    /** GET /ready: Loki's own readiness. */
    async ready(opts: CallOptions = {}): Promise<void> {
      const res = await http.request({ path: '/ready', signal: opts.signal, deadline: opts.deadline, requestId: opts.requestId });
      ensureOk('loki', res, plainText);
    },
  };
}

export type LokiClient = ReturnType<typeof createLokiClient>;
