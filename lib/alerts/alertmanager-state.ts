import type { MergedAlert } from '@/lib/datasources/alertmanager/to-alerts';

/** What an alert's Alertmanager badge says: a short label and a longer explanation. */
export interface AlertmanagerBadge {
  label: string;
  title: string;
}

/**
 * Alertmanager's side of an alert for its badge. Only a firing alert that Alertmanager holds is
 * "active" (Alertmanager is notifying for it); a firing alert it lacks is said to be missing there.
 * Pending alerts are never sent to Alertmanager, and when Alertmanager did not answer nothing is
 * claimed (the page says so in a notice). Safe for client and server.
 */
export function toAlertmanagerBadge(alert: Pick<MergedAlert, 'state' | 'silenced' | 'inhibited' | 'silencedBy' | 'inhibitedBy' | 'inAlertmanager'>): AlertmanagerBadge | null {
  const reasons = [...alert.silencedBy.map((s) => `silence ${s}`), ...alert.inhibitedBy.map((s) => `inhibited by ${s}`)].join(', ');
  if (alert.silenced) return { label: 'silenced', title: reasons || 'Silenced in Alertmanager' };
  if (alert.inhibited) return { label: 'inhibited', title: reasons || 'Inhibited in Alertmanager' };
  if (alert.state !== 'firing' || alert.inAlertmanager === null) return null;
  if (alert.inAlertmanager) return { label: 'active', title: 'Alertmanager is notifying for this alert' };
  return { label: 'not in Alertmanager', title: 'Alertmanager does not have this alert (not yet, or Prometheus cannot reach it), so it is not notifying for it' };
}
