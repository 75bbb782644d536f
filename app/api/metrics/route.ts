import { route } from '@/lib/api/route-handler';
import { metrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus exposition of Sightline's own metrics: a token with the "metrics" scope, or an admin. */
export const GET = route({ access: { scope: 'metrics', role: 'admin' }, name: 'metrics' }, async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
