import { createHash } from 'node:crypto';
import { toLabelKey } from '../decode';
import { asUnixMs, type Alert, type AlertRule } from '../types';
import type { PromAlert, PromRuleGroups } from './schemas';
import { toSampleValue } from './to-time-series';

/** A stable id for an alert without an Alertmanager fingerprint: a hash of its labels. */
export function toAlertId(labels: Record<string, string>): string {
  return createHash('sha256').update(toLabelKey(labels)).digest('hex').slice(0, 16);
}

/** Prometheus' view of active alerts; Alertmanager's silences are merged in later. */
export function toAlerts(wire: PromAlert[]): Alert[] {
  return wire.map((a) => {
    const activeAt = a.activeAt ? Date.parse(a.activeAt) : NaN;
    return {
      id: toAlertId(a.labels),
      name: a.labels.alertname ?? 'unnamed',
      labels: a.labels,
      annotations: a.annotations,
      state: a.state,
      // Prometheus reports 0001-01-01 for alerts that never became active.
      activeAt: Number.isFinite(activeAt) && activeAt > 0 ? asUnixMs(activeAt) : null,
      value: a.value === undefined ? null : toSampleValue(a.value),
      silenced: false,
      inhibited: false,
      silencedBy: [],
      inhibitedBy: [],
      generatorUrl: null,
    };
  });
}

/** Alerting rules (thresholds in `query`, runbooks in annotations); recording rules are skipped. */
export function toAlertRules(wire: PromRuleGroups): AlertRule[] {
  return wire.groups.flatMap((g) =>
    g.rules.flatMap((r) =>
      r.type === 'alerting'
        ? [{ name: r.name, group: g.name, query: r.query, durationSeconds: r.duration, labels: r.labels, annotations: r.annotations, health: r.health, state: r.state }]
        : [],
    ),
  );
}
