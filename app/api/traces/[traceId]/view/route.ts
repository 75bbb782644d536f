import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { TRACE_ID } from '@/lib/datasources/jaeger';
import { loadTraceView } from '@/lib/traces/load-trace-view';

const Params = z.object({ traceId: z.string().regex(TRACE_ID, 'must be 1 to 32 hex digits') });

/**
 * One whole trace in the trace view's compact wire format (lib/traces/compact-trace.ts); an unknown
 * id is 404. Sent unencoded (`no-transform` opts out of the encoding lib/server/whole-answers.ts
 * applies): at 50,000 spans the view is ~3.4 MB, which costs more to encode and decode than its
 * transfer on loopback or a LAN. A reverse proxy in front is the place to encode it for WAN links.
 */
export const GET = route({ access: { role: 'operator' }, name: 'traces.view', params: Params }, async ({ params, requestId }) => {
  const t0 = performance.now();
  const view = await loadTraceView(params.traceId, { requestId });
  // Server-Timing: the load's phases (Jaeger, decode, encode; shared when the page started it) and this request's wait for it.
  const serverTiming = `${view.serverTiming}, wait;dur=${(performance.now() - t0).toFixed(1)}`;
  return new Response(view.json, { headers: { 'content-type': 'application/json', 'cache-control': 'private, no-store, no-transform', 'server-timing': serverTiming } });
});
