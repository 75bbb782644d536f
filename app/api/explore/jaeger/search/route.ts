import { route } from '@/lib/api/route-handler';
import { TraceSearchQuerySchema, runExplore } from '@/lib/datasources/explore';
import { jaeger } from '@/lib/datasources/jaeger';

/** Trace search (operators): service, operation, tags, durations, at most 1,500 traces. */
export const GET = route({ access: { role: 'operator' }, name: 'explore.jaeger.search', query: TraceSearchQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.jaeger.search', 'jaeger', { ...query }, (opts) => jaeger().searchTraces(query, opts)),
);
