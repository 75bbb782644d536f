import { describe, expect, it } from 'vitest';
import { mergeAlerts } from '@/lib/datasources/alertmanager/to-alerts';
import type { Alert, UnixMs } from '@/lib/datasources/types';
import { withStableIds } from './alert-id';
import { filterAlerts, groupAlerts, NO_SERVICE } from './group-alerts';
import { testAlert } from './test-alert';

const alert = (name: string, labels: Record<string, string>, state: Alert['state'] = 'firing', activeAt = 1_000): Alert =>
  testAlert({ alertname: name, ...labels }, { id: name, name, state, activeAt: activeAt as UnixMs });

describe('groupAlerts', () => {
  it('groups by service then severity, services with firing alerts first, most urgent severity first', () => {
    const groups = groupAlerts([
      alert('CartSlow', { service: 'cart', severity: 'ticket' }, 'pending'),
      alert('PayTicket', { service: 'payment', severity: 'ticket' }),
      alert('PayPage', { service: 'payment', severity: 'page' }),
      alert('Orphan', {}),
    ]);
    expect(groups.map((g) => g.service)).toEqual([NO_SERVICE, 'payment', 'cart']);
    const payment = groups.find((g) => g.service === 'payment')!;
    expect(payment.severities.map((s) => s.severity)).toEqual(['page', 'ticket']);
    expect(payment).toMatchObject({ firing: 2, pending: 0 });
    expect(groups.find((g) => g.service === 'cart')).toMatchObject({ firing: 0, pending: 1 });
  });

  it('orders firing before pending, then newest first, within a severity', () => {
    const [g] = groupAlerts([
      alert('Old', { service: 's', severity: 'page' }, 'firing', 1),
      alert('Pending', { service: 's', severity: 'page' }, 'pending', 9),
      alert('New', { service: 's', severity: 'page' }, 'firing', 5),
    ]);
    expect(g!.severities[0]!.alerts.map((a) => a.name)).toEqual(['New', 'Old', 'Pending']);
  });

  it('counts a silenced alert once when Alertmanager holds it with Prometheus external labels', () => {
    const fromPrometheus = alert('HighErrorRate', { service: 'checkout', severity: 'page' });
    const fromAlertmanager = { ...alert('HighErrorRate', { service: 'checkout', severity: 'page', cluster: 'eu-1' }), id: 'fp1', silenced: true, silencedBy: ['s1'] };
    const [g] = groupAlerts(withStableIds(mergeAlerts([fromPrometheus], [fromAlertmanager])));
    expect(g).toMatchObject({ service: 'checkout', firing: 1 });
    expect(g!.severities[0]!.alerts.map((a) => [a.state, a.silenced])).toEqual([['firing', true]]);
    expect(g!.severities[0]!.alerts[0]!.id).toBe(withStableIds([fromPrometheus])[0]!.id);
  });
});

describe('filterAlerts', () => {
  const all = [alert('A', { service: 'payment', environment: 'staging' }), alert('B', { service: 'payment' }), alert('C', { service: 'cart', environment: 'production' })];

  it('keeps the service asked for; alerts without an environment label match every environment', () => {
    expect(filterAlerts(all, { service: 'payment', environment: 'production' }).map((a) => a.name)).toEqual(['B']);
    expect(filterAlerts(all, { environment: 'production' }).map((a) => a.name)).toEqual(['B', 'C']);
    expect(filterAlerts(all, {}).map((a) => a.name)).toEqual(['A', 'B', 'C']);
  });
});
