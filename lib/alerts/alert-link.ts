import type { Alert, Labels } from '@/lib/datasources/types';
import { withContext, type DrilldownContext } from './context-params';
import { parseLabelParams } from './label-params';

/**
 * Links to an alert's page. Besides the id they carry the alertname and every other label
 * (`label=name=value`, repeated): once the alert has resolved its id finds nothing current, and the
 * page rebuilds it from its rule and its ALERTS history with these (lib/alerts/alert-detail.ts).
 * Pages that lead back to an alert (the trace page) carry the same, with the id as `alert`.
 * Safe for client and server.
 */

/** What a link needs of an alert. */
export type AlertLinkTarget = Pick<Alert, 'id' | 'name' | 'labels'>;

const ALERT_ID = /^[\w.-]{1,200}$/;
/** Longest alertname kept (as long as a label item parseLabelParams keeps). */
const MAX_ALERTNAME = 1_000;

/** The params that find an alert again: `alertname` and one `label=name=value` per other label, sorted. */
export function toAlertLookupParams(alert: Pick<Alert, 'name' | 'labels'>): { alertname: string | undefined; label: string[] } {
  const label = Object.keys(alert.labels)
    .filter((k) => k !== 'alertname')
    .sort()
    .map((k) => `${k}=${alert.labels[k]}`);
  return { alertname: alert.labels.alertname ?? (alert.name || undefined), label };
}

/** `/alerts/{id}` with the drill-down context, the alertname and the labels. */
export function toAlertHref(alert: AlertLinkTarget, ctx: DrilldownContext): string {
  return withContext(`/alerts/${encodeURIComponent(alert.id)}`, ctx, toAlertLookupParams(alert));
}

/** The params a link to another page adds so that page can lead back to the alert: `alert` (its id), `alertname`, `label`. */
export function toAlertBackParams(alert: AlertLinkTarget): Record<string, string | string[] | undefined> {
  return { alert: alert.id, ...toAlertLookupParams(alert) };
}

type ParamGetter = (key: string) => string | readonly string[] | null | undefined;
const all = (v: ReturnType<ParamGetter>): readonly string[] => (v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** The alert a page should lead back to, from its `alert`, `alertname` and `label` params; null without a valid id. Malformed labels are dropped (parseLabelParams). */
export function readAlertBackLink(get: ParamGetter): AlertLinkTarget | null {
  const id = all(get('alert'))[0];
  if (!id || !ALERT_ID.test(id)) return null;
  const alertname = all(get('alertname'))[0];
  const labels: Labels = { ...(alertname && alertname.length <= MAX_ALERTNAME ? { alertname } : {}), ...parseLabelParams(get('label')) };
  return { id, name: labels.alertname ?? '', labels };
}
