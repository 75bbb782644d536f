import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { listAlerts } from '@/lib/alerts/list-alerts';

const Query = z.object({
  service: z.string().max(200).optional(),
  environment: z.string().max(200).optional(),
});

/** Firing and pending alerts with their Alertmanager state, grouped by service and severity. */
export const GET = route({ access: { role: 'operator' }, name: 'alerts.list', query: Query }, async ({ query, signal, requestId }) =>
  listAlerts({ service: query.service || undefined, environment: query.environment || undefined }, { signal, requestId }),
);
