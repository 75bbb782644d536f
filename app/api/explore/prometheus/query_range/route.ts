import { route } from '@/lib/api/route-handler';
import { EXPLORE_LIMITS, PromRangeQuerySchema, runExplore } from '@/lib/datasources/explore';
import { prometheus } from '@/lib/datasources/prometheus';
import { limitSeries } from '@/lib/datasources/series-limit';

/** PromQL range query (developers): at most 31 days, 11,000 points per series and 1,000 series. */
export const GET = route({ access: { role: 'developer' }, name: 'explore.prometheus.query_range', query: PromRangeQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.prometheus.query_range', 'prometheus', { query: query.query, start: query.start, end: query.end, step: query.stepSeconds }, (opts) =>
    // Same absolute range, same answer: identical queries share the short TTL cache (and in-flight calls).
    prometheus()
      .queryRange({ query: query.query, start: query.start, end: query.end, stepSeconds: query.stepSeconds }, { ...opts, cache: true })
      .then((r) => limitSeries(r, EXPLORE_LIMITS.maxSeries)),
  ),
);
