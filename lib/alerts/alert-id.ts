import { toAlertId } from '@/lib/datasources/prometheus/to-alerts';
import type { Alert, Labels } from '@/lib/datasources/types';

/**
 * Alert ids that survive what happens to an alert: a hash of its label set (alertname included),
 * the same whether Prometheus or Alertmanager reported it and from pending through firing to
 * silenced. Alertmanager's fingerprint is still accepted when looking an alert up.
 */

/** Replaces each alert's id with the hash of its labels. */
export function withStableIds<A extends Alert>(alerts: A[]): A[] {
  return alerts.map((a) => ({ ...a, id: toAlertId(a.labels) }));
}

/** An alert lookup: by id (label hash or Alertmanager fingerprint), or by alertname plus labels. */
export interface AlertLookup {
  id: string;
  alertname?: string;
  labels?: Labels;
}

/**
 * Finds the alert a link points at. By id first; else the alert with that alertname whose labels
 * include every given label (the newest, if several match).
 */
export function findAlert<A extends Alert>(alerts: A[], lookup: AlertLookup, fingerprints: Map<string, string> = new Map()): A | null {
  const byId = alerts.find((a) => a.id === lookup.id || fingerprints.get(lookup.id) === a.id);
  if (byId) return byId;
  if (!lookup.alertname) return null;
  const wanted = Object.entries(lookup.labels ?? {});
  const matches = alerts.filter((a) => a.labels.alertname === lookup.alertname && wanted.every(([k, v]) => a.labels[k] === v));
  return matches.sort((a, b) => (b.activeAt ?? 0) - (a.activeAt ?? 0))[0] ?? null;
}
