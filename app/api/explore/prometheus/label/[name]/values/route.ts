import { route } from '@/lib/api/route-handler';
import { LabelNameParams, LabelsQuerySchema, runExplore } from '@/lib/datasources/explore';
import { prometheus } from '@/lib/datasources/prometheus';

/** Values of one Prometheus label (developers). */
export const GET = route(
  { access: { role: 'developer' }, name: 'explore.prometheus.label_values', params: LabelNameParams, query: LabelsQuerySchema },
  async ({ params, query, ...ctx }) =>
    runExplore(ctx, 'explore.prometheus.label_values', 'prometheus', { label: params.name, match: query.match }, async (opts) => ({
      data: await prometheus().labelValues(params.name, query.match, query, opts),
    })),
);
