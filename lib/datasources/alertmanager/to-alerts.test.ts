import { describe, expect, it } from 'vitest';
import type { Alert } from '../types';
import { testAlert } from '@/lib/alerts/test-alert';
import { mergeAlerts } from './to-alerts';

const alert = (id: string, labels: Record<string, string>, more: Partial<Alert> = {}): Alert => testAlert(labels, { id, ...more });
const silenced = { silenced: true, silencedBy: ['s1'], value: null };

// Prometheus' /api/v1/alerts has no external labels; what it sends to Alertmanager has them.
const prom = alert('p1', { alertname: 'HighErrorRate', service: 'checkout', severity: 'page' });
const inAm = (labels: Record<string, string>, id = 'fp1', more: Partial<Alert> = silenced) => alert(id, { alertname: 'HighErrorRate', service: 'checkout', severity: 'page', ...labels }, more);

describe('mergeAlerts', () => {
  it('merges an alert that Alertmanager holds with Prometheus external labels into one, with its silence', () => {
    const merged = mergeAlerts([prom], [inAm({ cluster: 'eu-1' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 'fp1', state: 'firing', value: 1, silenced: true, silencedBy: ['s1'], inAlertmanager: true });
    // Prometheus' labels: the alert keeps the label set it had while pending.
    expect(merged[0]!.labels).toEqual(prom.labels);
  });

  it('never merges alerts of another name or with a different label value', () => {
    const merged = mergeAlerts([prom], [inAm({ severity: 'ticket' }, 'fp1'), alert('fp2', { alertname: 'Other', service: 'checkout', severity: 'page' })]);
    expect(merged.map((a) => a.id)).toEqual(['p1', 'fp1', 'fp2']);
    expect(merged[0]).toMatchObject({ silenced: false, inAlertmanager: false });
  });

  it('picks the same Alertmanager alert whatever order either side lists them in, preferring the fewest extra labels', () => {
    const near = inAm({ cluster: 'eu-1' }, 'fp-near');
    const far = inAm({ cluster: 'eu-1', team: 'shop' }, 'fp-far', {});
    for (const am of [[near, far], [far, near]]) {
      const merged = mergeAlerts([prom], am);
      expect(merged[0]).toMatchObject({ id: 'fp-near', silenced: true });
      expect(merged.map((a) => a.id).sort()).toEqual(['fp-far', 'fp-near']);
    }
  });

  it("prefers the Alertmanager alert carrying this Prometheus' external labels, as the unambiguous matches show them", () => {
    // Two clusters send the same alert; another alert matches only the eu-1 one, so eu-1 is ours.
    const other = alert('p2', { alertname: 'Slow', service: 'cart' });
    const am = [inAm({ cluster: 'us-1' }, 'fp-us'), inAm({ cluster: 'eu-1' }, 'fp-eu', {}), alert('fp-slow', { alertname: 'Slow', service: 'cart', cluster: 'eu-1' })];
    for (const list of [am, [...am].reverse()]) {
      const merged = mergeAlerts([prom, other], list);
      expect(merged.slice(0, 2).map((a) => a.id)).toEqual(['fp-eu', 'fp-slow']);
      expect(merged[0]!.silenced).toBe(false);
      expect(merged.slice(2).map((a) => a.id)).toEqual(['fp-us']);
    }
  });

  it('matches each Alertmanager alert once, the most specific Prometheus alert first', () => {
    const broad = alert('p-broad', { alertname: 'HighErrorRate', service: 'checkout' });
    const merged = mergeAlerts([broad, prom], [inAm({ cluster: 'eu-1' })]);
    expect(merged.map((a) => [a.id, a.inAlertmanager])).toEqual([
      ['p-broad', false],
      ['fp1', true],
    ]);
  });

  it('never gives a pending alert the state of a firing one (Prometheus sends only firing alerts)', () => {
    const merged = mergeAlerts([{ ...prom, state: 'pending' }], [inAm({ cluster: 'us-1' })]);
    expect(merged.map((a) => [a.id, a.state, a.silenced, a.inAlertmanager])).toEqual([
      ['p1', 'pending', false, false],
      ['fp1', 'firing', true, true],
    ]);
  });

  it('says an alert is not in Alertmanager when Alertmanager answered without it, and unknown when it did not answer', () => {
    expect(mergeAlerts([prom], [])[0]!.inAlertmanager).toBe(false);
    expect(mergeAlerts([prom], null)[0]!.inAlertmanager).toBeNull();
  });
});
