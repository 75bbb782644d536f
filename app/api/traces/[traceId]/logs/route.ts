import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { TRACE_ID } from '@/lib/datasources/jaeger';
import type { UnixMs } from '@/lib/datasources/types';
import { loadTraceLogs } from '@/lib/traces/load-trace-logs';
import { TRACE_LOG_MAX_RANGE_MS } from '@/lib/traces/trace-log-query';

const Params = z.object({ traceId: z.string().regex(TRACE_ID, 'must be 1 to 32 hex digits') });
const Query = z
  .object({
    /** Epoch milliseconds; the trace page sends the trace's span with a margin (rangeForTraceLogs). */
    start: z.coerce.number().int().positive(),
    end: z.coerce.number().int().positive(),
    /** Which end of the range to keep when there are more lines than TRACE_LOG_LIMIT: forward keeps the oldest. */
    direction: z.enum(['forward', 'backward']).default('forward'),
  })
  .refine((q) => q.end > q.start, { message: 'end must be after start', path: ['end'] })
  .refine((q) => q.end - q.start <= TRACE_LOG_MAX_RANGE_MS, { message: 'the range may span at most one day', path: ['end'] });

/** Log lines of one trace from Loki (the oldest, or with direction=backward the newest, when capped), with notices (e.g. ENTRIES_CAPPED). */
export const GET = route({ access: { role: 'operator' }, name: 'traces.logs', params: Params, query: Query }, async ({ params, query, signal, requestId }) => {
  const range = { start: query.start as UnixMs, end: query.end as UnixMs };
  const result = await loadTraceLogs(params.traceId, range, query.direction, { signal, requestId });
  return { entries: result.data, notices: result.notices };
});
