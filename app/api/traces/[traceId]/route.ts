import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { jaeger, TRACE_ID } from '@/lib/datasources/jaeger';

const Params = z.object({ traceId: z.string().regex(TRACE_ID, 'must be 1 to 32 hex digits') });

/** One whole trace in neutral form (operators and up); an unknown id is 404. */
export const GET = route({ access: { role: 'operator' }, name: 'traces.get', params: Params }, async ({ params, signal, requestId }) => ({
  trace: await jaeger().getTrace(params.traceId, { signal, requestId }),
}));
