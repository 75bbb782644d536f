import type { Alert } from '@/lib/datasources/types';
import type { AlertServiceGroup } from './types';

/** Severity names from most to least urgent; unknown ones sort after these, alphabetically. */
const SEVERITY_ORDER = ['critical', 'page', 'error', 'high', 'warning', 'ticket', 'medium', 'low', 'info', 'none'];
const STATE_ORDER: Record<Alert['state'], number> = { firing: 0, pending: 1, inactive: 2 };
/** Alerts without a service label are grouped here. */
export const NO_SERVICE = '(no service)';
/** Alerts without a severity label are grouped here. */
export const NO_SEVERITY = 'none';

/** The labels an alert's service may be named by, in order of preference. */
const SERVICE_LABELS = ['service', 'service_name', 'job'];
const ENVIRONMENT_LABELS = ['environment', 'env', 'deployment_environment'];

/** The service an alert concerns, or null when its labels do not say. */
export function toAlertService(alert: Pick<Alert, 'labels'>): string | null {
  for (const k of SERVICE_LABELS) if (alert.labels[k]) return alert.labels[k]!;
  return null;
}

/** The environment an alert concerns, or null when its labels do not say. */
export function toAlertEnvironment(alert: Pick<Alert, 'labels'>): string | null {
  for (const k of ENVIRONMENT_LABELS) if (alert.labels[k]) return alert.labels[k]!;
  return null;
}

function rankSeverity(s: string): number {
  const i = SEVERITY_ORDER.indexOf(s.toLowerCase());
  return i === -1 ? SEVERITY_ORDER.length : i;
}

/** Keeps alerts of a service and environment; an alert without an environment label matches any. */
export function filterAlerts<A extends Alert>(alerts: A[], f: { service?: string; environment?: string }): A[] {
  return alerts.filter((a) => {
    if (f.service && (toAlertService(a) ?? NO_SERVICE) !== f.service) return false;
    const env = toAlertEnvironment(a);
    return !f.environment || env === null || env === f.environment;
  });
}

/**
 * Groups alerts by service, then severity. Services with firing alerts come first (then by name);
 * within a service the most urgent severity first; within a severity firing before pending, newest first.
 */
export function groupAlerts<A extends Alert>(alerts: A[]): AlertServiceGroup<A>[] {
  const byService = new Map<string, A[]>();
  for (const a of alerts) {
    const s = toAlertService(a) ?? NO_SERVICE;
    byService.set(s, [...(byService.get(s) ?? []), a]);
  }
  const groups = [...byService].map(([service, list]): AlertServiceGroup<A> => {
    const bySeverity = new Map<string, A[]>();
    for (const a of list) {
      const sev = a.labels.severity || NO_SEVERITY;
      bySeverity.set(sev, [...(bySeverity.get(sev) ?? []), a]);
    }
    const severities = [...bySeverity]
      .sort(([a], [b]) => rankSeverity(a) - rankSeverity(b) || a.localeCompare(b))
      .map(([severity, items]) => ({
        severity,
        alerts: [...items].sort((x, y) => STATE_ORDER[x.state] - STATE_ORDER[y.state] || (y.activeAt ?? 0) - (x.activeAt ?? 0) || x.name.localeCompare(y.name)),
      }));
    return { service, firing: list.filter((a) => a.state === 'firing').length, pending: list.filter((a) => a.state === 'pending').length, severities };
  });
  return groups.sort((a, b) => Number(b.firing > 0) - Number(a.firing > 0) || a.service.localeCompare(b.service));
}
