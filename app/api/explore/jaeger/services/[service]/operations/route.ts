import { route } from '@/lib/api/route-handler';
import { ServiceParams, runExplore } from '@/lib/datasources/explore';
import { jaeger } from '@/lib/datasources/jaeger';

/** Operations of one service (operators). */
export const GET = route({ access: { role: 'operator' }, name: 'explore.jaeger.operations', params: ServiceParams }, async ({ params, ...ctx }) =>
  runExplore(ctx, 'explore.jaeger.operations', 'jaeger', { service: params.service }, async (opts) => ({ data: await jaeger().operations(params.service, opts) })),
);
