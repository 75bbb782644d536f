import { toLabelKey } from '../decode';
import { asUnixMs, type Alert, type Silence } from '../types';
import type { AmAlert, AmSilence } from './schemas';

const ms = (iso: string) => asUnixMs(Date.parse(iso));

/** Alertmanager's alerts as neutral alerts: every alert it holds has fired. */
export function toAlerts(wire: AmAlert[]): Alert[] {
  return wire.map((a) => {
    const silencedBy = a.status.silencedBy ?? [];
    const inhibitedBy = a.status.inhibitedBy ?? [];
    return {
      id: a.fingerprint,
      name: a.labels.alertname ?? 'unnamed',
      labels: a.labels,
      annotations: a.annotations,
      state: 'firing',
      activeAt: ms(a.startsAt),
      value: null,
      silenced: silencedBy.length > 0,
      inhibited: inhibitedBy.length > 0,
      silencedBy,
      inhibitedBy,
      generatorUrl: a.generatorURL || null,
    };
  });
}

/**
 * Merges Prometheus' alerts (state, value; pending ones too) with Alertmanager's view (fingerprint,
 * silenced, inhibited, generator URL), matching on the full label set. Alerts only Alertmanager
 * knows (e.g. from another Prometheus) are kept.
 */
export function mergeAlerts(fromPrometheus: Alert[], fromAlertmanager: Alert[]): Alert[] {
  const am = new Map(fromAlertmanager.map((a) => [toLabelKey(a.labels), a]));
  const merged = fromPrometheus.map((p) => {
    const key = toLabelKey(p.labels);
    const a = am.get(key);
    if (!a) return p;
    am.delete(key);
    return { ...p, id: a.id, silenced: a.silenced, inhibited: a.inhibited, silencedBy: a.silencedBy, inhibitedBy: a.inhibitedBy, generatorUrl: a.generatorUrl };
  });
  return [...merged, ...am.values()];
}

/** Silences with epoch-ms times. */
export function toSilences(wire: AmSilence[]): Silence[] {
  return wire.map((s) => ({
    id: s.id,
    state: s.status.state,
    matchers: s.matchers,
    startsAt: ms(s.startsAt),
    endsAt: ms(s.endsAt),
    createdBy: s.createdBy,
    comment: s.comment,
  }));
}
