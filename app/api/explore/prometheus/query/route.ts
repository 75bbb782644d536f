import { route } from '@/lib/api/route-handler';
import { PromInstantQuerySchema, runExplore } from '@/lib/datasources/explore';
import { prometheus } from '@/lib/datasources/prometheus';

/** PromQL instant query (developers). */
export const GET = route({ access: { role: 'developer' }, name: 'explore.prometheus.query', query: PromInstantQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.prometheus.query', 'prometheus', { query: query.query, time: query.time }, (opts) => prometheus().queryInstant(query.query, query.time, opts)),
);
