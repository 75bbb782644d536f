import { route } from '@/lib/api/route-handler';
import { LabelsQuerySchema, runExplore } from '@/lib/datasources/explore';
import { prometheus } from '@/lib/datasources/prometheus';

/** Prometheus label names, optionally for series matching `match` (developers). */
export const GET = route({ access: { role: 'developer' }, name: 'explore.prometheus.labels', query: LabelsQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.prometheus.labels', 'prometheus', { match: query.match }, async (opts) => ({
    data: await prometheus().labels(query.match, query, opts),
  })),
);
