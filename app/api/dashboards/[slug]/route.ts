import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { SlugSchema } from '@/lib/dashboards/schema';
import { lookupDashboard } from '@/lib/panels/catalog';

const Params = z.object({ slug: SlugSchema });

/** GET /api/dashboards/{slug}: the dashboard definition (404 unknown; 422 with file errors when its file is broken). */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.get', params: Params }, async ({ params }) => {
  const found = lookupDashboard(params.slug);
  if (!found.ok) throw new AppError('UPSTREAM_BAD_QUERY', `dashboard file for "${params.slug}" is invalid: ${found.errors[0]?.message ?? 'see details'}`, { details: { errors: found.errors } });
  return { dashboard: found.dashboard };
});
