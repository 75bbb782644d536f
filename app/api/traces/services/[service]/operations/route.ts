import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { jaeger } from '@/lib/datasources/jaeger';

const Params = z.object({ service: z.string().min(1).max(256) });

/** Operation names of one service (operators and up). */
export const GET = route({ access: { role: 'operator' }, name: 'traces.operations', params: Params }, async ({ params, signal, requestId }) => ({
  operations: await jaeger().operations(params.service, { signal, requestId, cache: true }),
}));
