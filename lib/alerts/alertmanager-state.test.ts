import { describe, expect, it } from 'vitest';
import type { MergedAlert } from '@/lib/datasources/alertmanager/to-alerts';
import { toAlertmanagerBadge } from './alertmanager-state';
import { testAlert } from './test-alert';

const alert = (more: Partial<MergedAlert>): MergedAlert => ({ ...testAlert({ alertname: 'HighErrorRate' }, { id: 'a', activeAt: null }), inAlertmanager: true, ...more });

describe('toAlertmanagerBadge', () => {
  it('says Alertmanager is notifying only for a firing alert it holds', () => {
    expect(toAlertmanagerBadge(alert({}))).toEqual({ label: 'active', title: 'Alertmanager is notifying for this alert' });
  });

  it('says a firing alert missing from Alertmanager is not there, instead of claiming it notifies', () => {
    const badge = toAlertmanagerBadge(alert({ inAlertmanager: false }));
    expect(badge?.label).toBe('not in Alertmanager');
    expect(badge?.title).not.toMatch(/is notifying/);
  });

  it('claims nothing for pending alerts or when Alertmanager did not answer', () => {
    expect(toAlertmanagerBadge(alert({ state: 'pending', inAlertmanager: false }))).toBeNull();
    expect(toAlertmanagerBadge(alert({ inAlertmanager: null }))).toBeNull();
  });

  it('names the silences and inhibitions', () => {
    expect(toAlertmanagerBadge(alert({ silenced: true, silencedBy: ['s1'] }))).toEqual({ label: 'silenced', title: 'silence s1' });
    expect(toAlertmanagerBadge(alert({ inhibited: true, inhibitedBy: ['fp2'] }))).toEqual({ label: 'inhibited', title: 'inhibited by fp2' });
  });
});
