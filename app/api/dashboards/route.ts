import { route } from '@/lib/api/route-handler';
import { listDashboardCatalog } from '@/lib/panels/catalog';

/** GET /api/dashboards: every dashboard's summary, plus definition files that failed validation. */
export const GET = route({ access: { role: 'viewer' }, name: 'dashboards.list' }, async () => listDashboardCatalog());
