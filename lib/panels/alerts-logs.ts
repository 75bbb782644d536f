import type { z } from 'zod';
import type { Alert, ResultNotice } from '@/lib/datasources/types';
import { interpolateQuery, interpolateText } from '@/lib/dashboards/interpolate';
import type { AlertsPanelSchema, LogsPanelSchema } from '@/lib/dashboards/schema';
import type { PanelContext } from './context';
import type { AlertsData, LogsData } from './types';

type AlertsPanel = z.infer<typeof AlertsPanelSchema>;
type LogsPanel = z.infer<typeof LogsPanelSchema>;

const STATE_ORDER: Record<Alert['state'], number> = { firing: 0, pending: 1, inactive: 2 };

/**
 * An alert list: Prometheus' pending and firing alerts merged with Alertmanager's silenced and
 * inhibited state, keeping those whose labels equal the panel's (variables interpolated).
 * Alertmanager being down costs the silence state only, said in a notice.
 */
export async function resolveAlerts(ctx: PanelContext, panel: AlertsPanel): Promise<AlertsData> {
  const notices: ResultNotice[] = [];
  const wanted = Object.entries(panel.labels).map(([k, v]) => [k, interpolateText(v, ctx.values)] as const);
  const [fromPrometheus, fromAlertmanager] = await Promise.all([
    ctx.deps.prometheusAlerts(ctx.call),
    ctx.deps.alertmanagerAlerts(ctx.call).catch((err: unknown) => {
      notices.push({ code: 'PARTIAL', message: `Silences unknown: ${err instanceof Error ? err.message : String(err)}` });
      return [] as Alert[];
    }),
  ]);
  const alerts = ctx.deps
    .mergeAlerts(fromPrometheus, fromAlertmanager)
    .filter((a) => panel.states.includes(a.state))
    .filter((a) => wanted.every(([k, v]) => v.split(', ').includes(a.labels[k] ?? '')))
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (b.activeAt ?? 0) - (a.activeAt ?? 0));
  return { type: 'alerts', window: ctx.window, notices, alerts };
}

/** A logs panel: the LogQL query over the window, lines carrying trace ids for links. */
export async function resolveLogs(ctx: PanelContext, panel: LogsPanel): Promise<LogsData> {
  const query = interpolateQuery(panel.expr, ctx.values, ctx.builtins);
  const r = await ctx.deps.queryLogs({ query, start: ctx.window.start, end: ctx.window.end, limit: panel.limit, direction: panel.direction }, ctx.call);
  const entries = r.data.map((e) => (e.traceId || !e.fields[panel.traceIdField] ? e : { ...e, traceId: e.fields[panel.traceIdField] ?? null }));
  return { type: 'logs', window: ctx.window, notices: r.notices, entries };
}
