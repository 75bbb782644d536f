import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { buildSloDetail } from '@/lib/slo/bff';
import type { SloDetail } from '@/lib/slo/bff-types';
import { createRequestSloDeps, requireSlo } from '@/lib/slo/request-deps';

export const dynamic = 'force-dynamic';

const Params = z.object({ id: z.string().min(1).max(200) });

/** GET /api/slos/{id}: status, incidents and deployments with the budget they spent, six months of compliance. */
export const GET = route({ access: { role: 'viewer' }, name: 'slos.detail', params: Params }, async ({ params, signal, requestId }): Promise<SloDetail> => {
  const slo = requireSlo(params.id);
  return buildSloDetail(slo, createRequestSloDeps({ signal, requestId }), Date.now());
});
