import { route } from '@/lib/api/route-handler';
import { LabelNameParams, LabelsQuerySchema, runExplore } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/** Values of one Loki label, optionally under a selector in `query` (developers). */
export const GET = route(
  { access: { role: 'developer' }, name: 'explore.loki.label_values', params: LabelNameParams, query: LabelsQuerySchema },
  async ({ params, query, ...ctx }) =>
    runExplore(ctx, 'explore.loki.label_values', 'loki', { label: params.name, query: query.query }, async (opts) => ({
      data: await loki().labelValues(params.name, query, query.query, opts),
    })),
);
