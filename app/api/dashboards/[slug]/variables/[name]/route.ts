import { z } from 'zod';
import { AppError, notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { SlugSchema } from '@/lib/dashboards/schema';
import { lookupDashboard } from '@/lib/panels/catalog';
import { createPanelDeps } from '@/lib/panels/deps';
import { resolveWindow } from '@/lib/panels/resolve';
import { checkVariableRequest, DashboardQuerySchema, toRequestedValues, variableOptionsReader } from '@/lib/panels/variables';

const Params = z.object({ slug: SlugSchema, name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });

/**
 * GET /api/dashboards/{slug}/variables/{name}?from&to&var-<parent>=: the values a variable offers in
 * that range. A chained variable's selector is filled in with the values of the variables above it
 * (`var-<parent>`, else their defaults); `notices` says when one of those does not occur in the range.
 */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.variable', params: Params, query: DashboardQuerySchema }, async ({ params, query, signal, requestId }) => {
  const found = lookupDashboard(params.slug);
  if (!found.ok) throw new AppError('NOT_FOUND', `dashboard "${params.slug}" cannot be shown: its file is invalid`);
  const { dashboard } = found;
  const variable = dashboard.variables.find((v) => v.name === params.name);
  if (!variable) throw notFound('Variable', `${params.slug}/$${params.name}`);
  const { from, to, ...rest } = query;
  const checked = checkVariableRequest(dashboard, toRequestedValues(rest));
  const deps = createPanelDeps();
  const { window } = resolveWindow(dashboard, from, to, Date.now(), deps.scrapeIntervalSeconds);
  const reader = variableOptionsReader(deps, dashboard, window, checked, { signal, requestId });
  const [options, parents] = await Promise.all([reader.optionsOf(variable), reader.parentsOf(variable)]);
  return { name: variable.name, options, notices: parents.notices };
});
