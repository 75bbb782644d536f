import 'server-only';
import type { CallOptions } from '@/lib/datasources/http';
import { loki } from '@/lib/datasources/loki';
import type { LogEntry, QueryResult, UnixMs } from '@/lib/datasources/types';
import { env } from '@/lib/env';
import { buildTraceLogQuery } from './trace-log-query';

/** Most lines shown for one trace; Loki pages across its per-query cap to get them. */
export const TRACE_LOG_LIMIT = 5_000;

/**
 * A trace's log lines from Loki (LOKI_TRACE_QUERY_TEMPLATE): up to TRACE_LOG_LIMIT of them, the oldest
 * (forward) or the newest (backward) when there are more, in that direction's order.
 */
export function loadTraceLogs(traceId: string, range: { start: UnixMs; end: UnixMs }, direction: 'forward' | 'backward' = 'forward', opts?: CallOptions): Promise<QueryResult<LogEntry[]>> {
  const query = buildTraceLogQuery(env().LOKI_TRACE_QUERY_TEMPLATE, traceId);
  return loki().queryLogs({ query, start: range.start, end: range.end, limit: TRACE_LOG_LIMIT, direction }, opts);
}
