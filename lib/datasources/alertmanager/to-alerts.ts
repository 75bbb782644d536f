import { toLabelKey } from '../decode';
import { asUnixMs, type Alert, type Labels, type Silence } from '../types';
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
 * An alert as the alert pages show it. `inAlertmanager` says whether Alertmanager holds it (so may
 * notify for it): null when Alertmanager did not answer. Prometheus never sends pending alerts.
 */
export interface MergedAlert extends Alert {
  inAlertmanager: boolean | null;
}

interface Candidate {
  p: number;
  m: number;
  /** Labels the Alertmanager alert has beyond the Prometheus one's (Prometheus' external labels). */
  extra: Labels;
  pKey: string;
  mKey: string;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hasAll = (wanted: Labels, labels: Labels) => Object.entries(wanted).every(([k, v]) => labels[k] === v);

/** The extra labels every unambiguous pair shares: Prometheus' external labels, as far as they show. */
function toSharedExtra(candidates: Candidate[]): Labels {
  const perAlert = new Map<number, Candidate[]>();
  for (const c of candidates) perAlert.set(c.p, [...(perAlert.get(c.p) ?? []), c]);
  const sure = [...perAlert.values()].filter((cs) => cs.length === 1).map((cs) => cs[0]!.extra);
  if (sure.length === 0) return {};
  return Object.fromEntries(Object.entries(sure[0]!).filter(([k, v]) => sure.every((e) => e[k] === v)));
}

/**
 * Merges Prometheus' alerts (state, value; pending ones too) with Alertmanager's view (fingerprint,
 * silenced, inhibited, generator URL). Prometheus adds its external labels (cluster, replica ...)
 * only to the alerts it sends, and sends only firing ones, so its firing alert matches the
 * Alertmanager alert of the same alertname that has every one of its labels, extra labels allowed.
 * Each side matches at most once; when several match, pairs whose extra labels agree with those of
 * the unambiguous pairs go first, then those with fewer extra labels, then by label set, so the
 * result does not depend on list order. A merged alert keeps Prometheus' labels (its id stays the
 * same from pending to firing). Alerts only Alertmanager knows (e.g. from another Prometheus) are
 * kept. `fromAlertmanager` is null when Alertmanager did not answer.
 */
export function mergeAlerts(fromPrometheus: Alert[], fromAlertmanager: Alert[] | null): MergedAlert[] {
  const am = fromAlertmanager ?? [];
  const amByName = new Map<string, number[]>();
  am.forEach((a, i) => amByName.set(a.name, [...(amByName.get(a.name) ?? []), i]));
  const candidates: Candidate[] = [];
  fromPrometheus.forEach((p, pi) => {
    // Prometheus sends only firing alerts; a pending one matching is another Prometheus' alert.
    if (p.state !== 'firing') return;
    for (const mi of amByName.get(p.name) ?? []) {
      const m = am[mi]!;
      if (!hasAll(p.labels, m.labels)) continue;
      const extra = Object.fromEntries(Object.entries(m.labels).filter(([k]) => !(k in p.labels)));
      candidates.push({ p: pi, m: mi, extra, pKey: toLabelKey(p.labels), mKey: `${toLabelKey(m.labels)} ${m.id}` });
    }
  });
  const shared = Object.entries(toSharedExtra(candidates));
  const disagreements = (c: Candidate) => shared.filter(([k, v]) => am[c.m]!.labels[k] !== v).length;
  const byPreference = (a: Candidate, b: Candidate) =>
    disagreements(a) - disagreements(b) || Object.keys(a.extra).length - Object.keys(b.extra).length || compareText(a.pKey, b.pKey) || compareText(a.mKey, b.mKey);
  const matchOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const c of candidates.sort(byPreference)) {
    if (matchOf.has(c.p) || taken.has(c.m)) continue;
    matchOf.set(c.p, c.m);
    taken.add(c.m);
  }
  const merged = fromPrometheus.map((p, pi): MergedAlert => {
    const mi = matchOf.get(pi);
    if (mi === undefined) return { ...p, inAlertmanager: fromAlertmanager ? false : null };
    const a = am[mi]!;
    return { ...p, id: a.id, silenced: a.silenced, inhibited: a.inhibited, silencedBy: a.silencedBy, inhibitedBy: a.inhibitedBy, generatorUrl: a.generatorUrl, inAlertmanager: true };
  });
  return [...merged, ...am.filter((_, i) => !taken.has(i)).map((a): MergedAlert => ({ ...a, inAlertmanager: true }))];
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
