import { route } from '@/lib/api/route-handler';
import { runExplore } from '@/lib/datasources/explore';
import { jaeger } from '@/lib/datasources/jaeger';

/** Services that reported spans (operators). */
export const GET = route({ access: { role: 'operator' }, name: 'explore.jaeger.services' }, async (ctx) =>
  runExplore(ctx, 'explore.jaeger.services', 'jaeger', {}, async (opts) => ({ data: await jaeger().services(opts) })),
);
