import 'server-only';
import { alertmanager, mergeAlerts, type MergedAlert } from '@/lib/datasources/alertmanager';
import type { CallOptions } from '@/lib/datasources/http';
import { prometheus } from '@/lib/datasources/prometheus';
import { toAlertId } from '@/lib/datasources/prometheus/to-alerts';
import type { ResultNotice } from '@/lib/datasources/types';
import { withStableIds } from './alert-id';
import { filterAlerts, groupAlerts, NO_SERVICE, toAlertService } from './group-alerts';
import type { AlertListResponse } from './types';

/** Current alerts with stable ids, plus Alertmanager fingerprint → stable id for old links. */
export interface CurrentAlerts {
  alerts: MergedAlert[];
  fingerprints: Map<string, string>;
  notices: ResultNotice[];
}

/**
 * Prometheus' pending and firing alerts merged with Alertmanager's state (silenced, inhibited).
 * Alertmanager being down costs the silence state only, said in a notice; Prometheus being down fails.
 */
export async function loadCurrentAlerts(opts: CallOptions = {}): Promise<CurrentAlerts> {
  const notices: ResultNotice[] = [];
  const [fromPrometheus, fromAlertmanager] = await Promise.all([
    prometheus().alerts(opts),
    alertmanager()
      .alerts({}, opts)
      .catch((err: unknown) => {
        notices.push({ code: 'PARTIAL', message: `Alertmanager did not answer, so silences and inhibitions are unknown: ${err instanceof Error ? err.message : String(err)}` });
        return null;
      }),
  ]);
  const merged = mergeAlerts(fromPrometheus, fromAlertmanager).filter((a) => a.state !== 'inactive');
  const fingerprints = new Map(merged.map((a) => [a.id, toAlertId(a.labels)]));
  return { alerts: withStableIds(merged), fingerprints, notices };
}

/** The alerts page's data: alerts grouped by service and severity, filtered by service and environment. */
export async function listAlerts(filter: { service?: string; environment?: string }, opts: CallOptions = {}): Promise<AlertListResponse> {
  const { alerts, notices } = await loadCurrentAlerts(opts);
  const services = [...new Set(alerts.map((a) => toAlertService(a) ?? NO_SERVICE))].sort();
  const kept = filterAlerts(alerts, filter);
  return { groups: groupAlerts(kept), services, total: kept.length, notices };
}
