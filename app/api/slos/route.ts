import { loadDefinitions } from '@/lib/dashboards/load';
import { route } from '@/lib/api/route-handler';
import { buildSloList } from '@/lib/slo/bff';
import type { SloList } from '@/lib/slo/bff-types';
import { createRequestSloDeps } from '@/lib/slo/request-deps';

export const dynamic = 'force-dynamic';

/** GET /api/slos: every SLO with its live status, or its own error; Prometheus down fails the whole list (503). */
export const GET = route({ access: { role: 'viewer' }, name: 'slos.list' }, async ({ signal, requestId }): Promise<SloList> => {
  const deps = createRequestSloDeps({ signal, requestId });
  const now = Date.now();
  const slos = [...loadDefinitions().slos].sort((a, b) => a.name.localeCompare(b.name));
  return buildSloList(slos, deps, now, requestId);
});
