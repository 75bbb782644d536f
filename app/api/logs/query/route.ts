import { AppError } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { LokiRangeQuerySchema } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/**
 * LogQL for the logs explorer (operators and up): log lines (at most 5,000, ENTRIES_CAPPED when
 * more exist) or, for a metric query such as the volume histogram, series. Loki's parse error comes
 * back as UPSTREAM_BAD_QUERY (422) with Loki's own message.
 */
export const GET = route({ access: { role: 'operator' }, name: 'logs.query', query: LokiRangeQuerySchema }, async ({ query, signal, requestId }) => {
  const opts = { signal, requestId };
  try {
    return { kind: 'logs' as const, ...(await loki().queryLogs(query, opts)) };
  } catch (err) {
    // queryLogs refuses a matrix answer with INVALID_INPUT: the query is a metric query.
    if (!(err instanceof AppError && err.code === 'INVALID_INPUT')) throw err;
    return { kind: 'metrics' as const, ...(await loki().queryMetrics(query, opts)) };
  }
});
