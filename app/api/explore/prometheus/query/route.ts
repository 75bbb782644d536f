import { route } from '@/lib/api/route-handler';
import { EXPLORE_LIMITS, PromInstantQuerySchema, runExplore } from '@/lib/datasources/explore';
import { prometheus } from '@/lib/datasources/prometheus';
import { limitSeries } from '@/lib/datasources/series-limit';

/** PromQL instant query (developers): at most 1,000 series. */
export const GET = route({ access: { role: 'developer' }, name: 'explore.prometheus.query', query: PromInstantQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.prometheus.query', 'prometheus', { query: query.query, time: query.time }, (opts) =>
    prometheus().queryInstant(query.query, query.time, opts).then((r) => limitSeries(r, EXPLORE_LIMITS.maxSeries)),
  ),
);
