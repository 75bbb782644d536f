import { route } from '@/lib/api/route-handler';
import { checkDatasources } from '@/lib/datasources/health';

export const dynamic = 'force-dynamic';

/** Readiness: each datasource's health, latency and breaker state; 503 naming the ones that are down. */
export const GET = route({ access: 'public', name: 'ready' }, async ({ requestId, signal }) => {
  const datasources = await checkDatasources(requestId, signal);
  const down = datasources.filter((d) => !d.ok).map((d) => d.name);
  const body = { status: down.length ? 'degraded' : 'ready', down, datasources };
  return Response.json(body, { status: down.length ? 503 : 200, headers: { 'cache-control': 'no-store' } });
});
