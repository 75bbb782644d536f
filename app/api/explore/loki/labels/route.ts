import { route } from '@/lib/api/route-handler';
import { LabelsQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/** Loki's indexed label names (developers). */
export const GET = route({ access: { role: 'developer' }, name: 'explore.loki.labels', query: LabelsQuerySchema }, async ({ query, ...ctx }) =>
  runExplore(ctx, 'explore.loki.labels', 'loki', {}, async (opts) => ({ data: await loki().labels(query, opts) })),
);
