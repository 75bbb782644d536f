import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { SlugSchema } from '@/lib/dashboards/schema';
import { lookupDashboard } from '@/lib/panels/catalog';
import { createPanelDeps } from '@/lib/panels/deps';
import { resolvePanel } from '@/lib/panels/resolve';
import { DashboardQuerySchema, toRequestedValues } from '@/lib/panels/variables';

const Params = z.object({ slug: SlugSchema, panelId: SlugSchema });

/** GET /api/dashboards/{slug}/panels/{panelId}?from&to&var-<name>=: one panel's neutral data, resolved on the server. */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.panel', params: Params, query: DashboardQuerySchema }, async ({ params, query, principal, signal, requestId }) => {
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
