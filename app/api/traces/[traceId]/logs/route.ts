import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { TRACE_ID } from '@/lib/datasources/jaeger';
import type { UnixMs } from '@/lib/datasources/types';
import { loadTraceLogs } from '@/lib/traces/load-trace-logs';

const Params = z.object({ traceId: z.string().regex(TRACE_ID, 'must be 1 to 32 hex digits') });
const DAY_MS = 24 * 3600 * 1000;
const Query = z
  .object({
    /** Epoch milliseconds; the trace page sends the trace's span with a margin. */
    start: z.coerce.number().int().positive(),
    end: z.coerce.number().int().positive(),
  })
  .refine((q) => q.end > q.start, { message: 'end must be after start', path: ['end'] })
  .refine((q) => q.end - q.start <= DAY_MS, { message: 'the range may span at most one day', path: ['end'] });

/** Every log line of one trace from Loki, oldest first, with notices (e.g. ENTRIES_CAPPED). */
export const GET = route({ access: { role: 'operator' }, name: 'traces.logs', params: Params, query: Query }, async ({ params, query, signal, requestId }) => {
  const result = await loadTraceLogs(params.traceId, { start: query.start as UnixMs, end: query.end as UnixMs }, { signal, requestId });
  return { entries: result.data, notices: result.notices };
});
