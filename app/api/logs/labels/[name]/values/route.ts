import { route } from '@/lib/api/route-handler';
import { LabelNameParams, LabelsQuerySchema } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/** Values of one Loki label over the range, optionally under a selector in `query` (operators and up). */
export const GET = route(
  { access: { role: 'operator' }, name: 'logs.label_values', params: LabelNameParams, query: LabelsQuerySchema },
  async ({ params, query, signal, requestId }) => ({ values: await loki().labelValues(params.name, query, query.query, { signal, requestId }) }),
);
