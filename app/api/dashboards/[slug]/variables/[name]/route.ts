import { z } from 'zod';
import { AppError, notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { SlugSchema } from '@/lib/dashboards/schema';
import { lookupDashboard } from '@/lib/panels/catalog';
import { createPanelDeps } from '@/lib/panels/deps';
import { resolveWindow } from '@/lib/panels/resolve';
import { fetchVariableOptions } from '@/lib/panels/variables';

const Params = z.object({ slug: SlugSchema, name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });
const Query = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });

/** GET /api/dashboards/{slug}/variables/{name}?from&to: the values a variable offers in that range. */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.variable', params: Params, query: Query }, async ({ params, query, signal, requestId }) => {
  const found = lookupDashboard(params.slug);
  if (!found.ok) throw new AppError('NOT_FOUND', `dashboard "${params.slug}" cannot be shown: its file is invalid`);
  const variable = found.dashboard.variables.find((v) => v.name === params.name);
  if (!variable) throw notFound('Variable', `${params.slug}/$${params.name}`);
  const deps = createPanelDeps();
  const { window } = resolveWindow(found.dashboard, query.from, query.to, Date.now(), deps.scrapeIntervalSeconds);
  return { name: variable.name, options: await fetchVariableOptions(deps, variable, window, { signal, requestId }) };
});
