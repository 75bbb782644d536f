import 'server-only';
import { httpClientFor } from '../registry';
import { createAlertmanagerClient, type AlertmanagerClient } from './client';

export { createAlertmanagerClient, type AlertmanagerClient, type AlertFilter } from './client';
export { toAlerts as toAlertmanagerAlerts, mergeAlerts, toSilences, type MergedAlert } from './to-alerts';

const g = globalThis as typeof globalThis & { __sightlineAlertmanager?: AlertmanagerClient };

/** The process-wide Alertmanager adapter configured from the environment. */
export function alertmanager(): AlertmanagerClient {
  g.__sightlineAlertmanager ??= createAlertmanagerClient({ http: httpClientFor('alertmanager') });
  return g.__sightlineAlertmanager;
}
