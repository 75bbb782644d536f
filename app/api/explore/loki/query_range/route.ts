import { route } from '@/lib/api/route-handler';
import { EXPLORE_LIMITS, LokiRangeQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki, runLogQl } from '@/lib/datasources/loki';
import { limitSeries } from '@/lib/datasources/series-limit';

/** LogQL range query (developers): log lines (at most 5,000 entries) or, for metric queries, series (at most 1,000). */
export const GET = route({ access: { role: 'developer' }, name: 'explore.loki.query_range', query: LokiRangeQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.loki.query_range', 'loki', { query: query.query, start: query.start, end: query.end, limit: query.limit }, (opts) =>
    runLogQl(loki(), query, opts).then((r) => (r.kind === 'metrics' ? limitSeries(r, EXPLORE_LIMITS.maxSeries) : r)),
  ),
);
