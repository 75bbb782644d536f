import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { parseLabelParams } from '@/lib/alerts/label-params';
import { loadAlertDetail } from '@/lib/alerts/alert-detail';

const Params = z.object({ id: z.string().min(1).max(200) });
const Query = z.object({
  /** With `label`, finds the alert when the id is unknown (e.g. it resolved and fired again). */
  alertname: z.string().max(200).optional(),
  /** `name=value`, repeatable. */
  label: z.union([z.string(), z.array(z.string())]).optional(),
  environment: z.string().max(200).optional(),
});

/** One alert: its rule, expression charted around its start, threshold, exemplars, deployments and candidate traces. */
export const GET = route({ access: { role: 'operator' }, name: 'alerts.detail', params: Params, query: Query }, async ({ params, query, signal, requestId }) =>
  loadAlertDetail({ id: params.id, alertname: query.alertname, labels: parseLabelParams(query.label) }, { environment: query.environment || undefined }, { signal, requestId }),
);
