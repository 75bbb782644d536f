import { route } from '@/lib/api/route-handler';
import { LabelsQuerySchema } from '@/lib/datasources/explore';
import { loki } from '@/lib/datasources/loki';

/** Loki's indexed label names over the range (operators and up), for the label picker. */
export const GET = route({ access: { role: 'operator' }, name: 'logs.labels', query: LabelsQuerySchema }, async ({ query, signal, requestId }) => ({
  labels: await loki().labels(query, { signal, requestId }),
}));
