import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { SlugSchema } from '@/lib/dashboards/schema';
import { lookupDashboard } from '@/lib/panels/catalog';
import { createPanelDeps } from '@/lib/panels/deps';
import { resolvePanel } from '@/lib/panels/resolve';
import { toRequestedValues } from '@/lib/panels/variables';

const Params = z.object({ slug: SlugSchema, panelId: SlugSchema });
const Query = z.looseObject({ from: z.string().max(40).optional(), to: z.string().max(40).optional() }).catchall(z.union([z.string().max(400), z.array(z.string().max(400)).max(200)]));

/** GET /api/dashboards/{slug}/panels/{panelId}?from&to&var-<name>=: one panel's neutral data, resolved on the server. */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.panel', params: Params, query: Query }, async ({ params, query, principal, signal, requestId }) => {
  const found = lookupDashboard(params.slug);
  if (!found.ok) throw new AppError('NOT_FOUND', `dashboard "${params.slug}" cannot be shown: its file is invalid`);
  const { from, to, ...rest } = query;
  return resolvePanel(createPanelDeps(), found.dashboard, {
    panelId: params.panelId,
    from,
    to,
    values: toRequestedValues(rest),
    role: principal?.role ?? 'viewer',
    nowMs: Date.now(),
    signal,
    requestId,
  });
});
