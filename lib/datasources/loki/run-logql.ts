import 'server-only';
import { isLogQuery } from '@/lib/dashboards/query-analysis';
import type { CallOptions } from '../http';
import type { LogEntry, QueryResult, RangeResult, TimeSeries } from '../types';
import { isWrongQueryKind, type LogQuery, type LokiClient } from './client';

/** A LogQL answer: log lines for a log query, series for a metric query. */
export type LogQlResult = ({ kind: 'logs' } & QueryResult<LogEntry[]>) | ({ kind: 'metrics' } & RangeResult<TimeSeries[]>);

/**
 * Runs LogQL in Loki as the kind of query it is (isLogQuery, the Grafana LogQL grammar), so a metric
 * query costs Loki one evaluation, not a log attempt first. A query the grammar takes for the other
 * kind (one it cannot parse, such as a leading comment) is run again as that kind when Loki's answer
 * says so.
 */
export async function runLogQl(client: Pick<LokiClient, 'queryLogs' | 'queryMetrics'>, q: LogQuery & { stepSeconds: number }, opts?: CallOptions): Promise<LogQlResult> {
  const asLogs = async (): Promise<LogQlResult> => ({ kind: 'logs', ...(await client.queryLogs(q, opts)) });
  const asMetrics = async (): Promise<LogQlResult> => ({ kind: 'metrics', ...(await client.queryMetrics(q, opts)) });
  const [first, other] = isLogQuery(q.query) ? [asLogs, asMetrics] : [asMetrics, asLogs];
  try {
    return await first();
  } catch (err) {
    if (!isWrongQueryKind(err)) throw err;
    return other();
  }
}
