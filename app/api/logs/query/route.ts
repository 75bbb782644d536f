import { route } from '@/lib/api/route-handler';
import { LokiRangeQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki, runLogQl } from '@/lib/datasources/loki';

/**
 * LogQL for the logs explorer (operators and up): log lines (at most 5,000, ENTRIES_CAPPED when
 * more exist) or, for a metric query such as the volume histogram, series. Loki's parse error comes
 * back as UPSTREAM_BAD_QUERY (422) with Loki's own message. Raw LogQL, so it runs as the explore
 * endpoints do (runExplore): under their deadline and audited.
 */
export const GET = route({ access: { role: 'operator' }, name: 'logs.query', query: LokiRangeQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'logs.query', 'loki', { query: query.query, start: query.start, end: query.end, limit: query.limit }, (opts) => runLogQl(loki(), query, opts)),
);
