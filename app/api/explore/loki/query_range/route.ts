import { route } from '@/lib/api/route-handler';
import { LokiRangeQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki, runLogQl } from '@/lib/datasources/loki';

/** LogQL range query (developers): log lines (at most 5,000 entries) or, for metric queries, series. */
export const GET = route({ access: { role: 'developer' }, name: 'explore.loki.query_range', query: LokiRangeQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.loki.query_range', 'loki', { query: query.query, start: query.start, end: query.end, limit: query.limit }, (opts) => runLogQl(loki(), query, opts)),
);
