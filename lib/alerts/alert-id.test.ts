import { describe, expect, it } from 'vitest';
import type { Alert, UnixMs } from '@/lib/datasources/types';
import { findAlert, withStableIds } from './alert-id';

const alert = (id: string, labels: Record<string, string>, state: Alert['state'], activeAt = 1): Alert => ({
  id,
  name: labels.alertname ?? 'x',
  labels,
  annotations: {},
  state,
  activeAt: activeAt as UnixMs,
  value: null,
  silenced: false,
  inhibited: false,
  silencedBy: [],
  inhibitedBy: [],
  generatorUrl: null,
});

const labels = { alertname: 'PaymentBurn', service: 'payment', severity: 'page', slo: 'payment-availability' };

describe('withStableIds', () => {
  it('gives an alert the same id while pending (Prometheus only) and once firing (Alertmanager fingerprint)', () => {
    const [pending] = withStableIds([alert('0a1b2c3d4e5f6789', labels, 'pending')]);
    const [firing] = withStableIds([alert('fp-from-alertmanager', { severity: 'page', slo: 'payment-availability', service: 'payment', alertname: 'PaymentBurn' }, 'firing')]);
    expect(pending!.id).toBe(firing!.id);
    expect(pending!.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives alerts that differ in one label different ids', () => {
    const [a, b] = withStableIds([alert('x', labels, 'firing'), alert('x', { ...labels, severity: 'ticket' }, 'firing')]);
    expect(a!.id).not.toBe(b!.id);
  });
});

describe('findAlert', () => {
  const alerts = withStableIds([alert('fp1', labels, 'firing', 5), alert('fp2', { ...labels, severity: 'ticket' }, 'firing', 9)]);

  it('finds an alert by its stable id or by the Alertmanager fingerprint it had', () => {
    expect(findAlert(alerts, { id: alerts[0]!.id })?.labels.severity).toBe('page');
    expect(findAlert(alerts, { id: 'fp2' }, new Map([['fp2', alerts[1]!.id]]))?.labels.severity).toBe('ticket');
  });

  it('falls back to alertname plus labels, newest first; unknown is null', () => {
    expect(findAlert(alerts, { id: 'gone', alertname: 'PaymentBurn', labels: { service: 'payment' } })?.labels.severity).toBe('ticket');
    expect(findAlert(alerts, { id: 'gone', alertname: 'PaymentBurn', labels: { severity: 'page' } })?.labels.severity).toBe('page');
    expect(findAlert(alerts, { id: 'gone', alertname: 'Other' })).toBeNull();
    expect(findAlert(alerts, { id: 'gone' })).toBeNull();
  });
});
