import { route } from '@/lib/api/route-handler';
import { TraceIdParams, runExplore } from '@/lib/datasources/explore';
import { jaeger } from '@/lib/datasources/jaeger';

/** One trace by ID (operators); 404 names the ID. */
export const GET = route({ access: { role: 'operator' }, name: 'explore.jaeger.trace', params: TraceIdParams }, async ({ params, ...ctx }) =>
  runExplore(ctx, 'explore.jaeger.trace', `trace:${params.traceId}`, {}, async (opts) => ({ data: await jaeger().getTrace(params.traceId, opts), notices: [] })),
);
