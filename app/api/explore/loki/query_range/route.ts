import { route } from '@/lib/api/route-handler';
import { AppError } from '@/lib/api/errors';
import { LokiRangeQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/** LogQL range query (developers): log lines (at most 5,000 entries) or, for metric queries, series. */
export const GET = route({ access: { role: 'developer' }, name: 'explore.loki.query_range', query: LokiRangeQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.loki.query_range', 'loki', { query: query.query, start: query.start, end: query.end, limit: query.limit }, async (opts) => {
    try {
      return { kind: 'logs' as const, ...(await loki().queryLogs(query, opts)) };
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'INVALID_INPUT')) throw err;
      return { kind: 'metrics' as const, ...(await loki().queryMetrics(query, opts)) };
    }
  }),
);
