import { describe, expect, it } from 'vitest';
import { parseLabelParams } from './label-params';
import { readAlertBackLink, toAlertBackParams, toAlertHref } from './alert-link';
import { withContext } from './context-params';

const alert = { id: '0a1b2c3d4e5f6789', name: 'PaymentBurn', labels: { alertname: 'PaymentBurn', service: 'payment', severity: 'page', slo: 'payment-availability' } };

describe('toAlertHref', () => {
  it('links to the alert with the context, its alertname and every label, which the alert page reads back as its lookup', () => {
    const href = toAlertHref(alert, { from: 'now-6h', service: 'payment' });
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe(`/alerts/${alert.id}`);
    expect(url.searchParams.get('from')).toBe('now-6h');
    expect(url.searchParams.get('service')).toBe('payment');
    // What the page passes to /api/alerts/{id} when the id no longer finds a current alert.
    expect(url.searchParams.get('alertname')).toBe('PaymentBurn');
    expect(parseLabelParams(url.searchParams.getAll('label'))).toEqual({ service: 'payment', severity: 'page', slo: 'payment-availability' });
  });

  it('keeps values with = and & intact', () => {
    const url = new URL(toAlertHref({ ...alert, labels: { alertname: 'X', route: '/a?b=c&d' } }, {}), 'http://x');
    expect(parseLabelParams(url.searchParams.getAll('label'))).toEqual({ route: '/a?b=c&d' });
  });
});

describe('the way back from a trace to its alert', () => {
  it('leads back with the labels, so the alert still opens after it resolved', () => {
    const traceUrl = new URL(withContext('/traces/abc', { from: 'now-1h' }, toAlertBackParams(alert)), 'http://x');
    const back = readAlertBackLink((k) => traceUrl.searchParams.getAll(k));
    expect(back).toEqual(alert);
    const backUrl = new URL(toAlertHref(back!, { from: 'now-1h' }), 'http://x');
    expect(backUrl.pathname).toBe(`/alerts/${alert.id}`);
    expect(backUrl.searchParams.get('alertname')).toBe('PaymentBurn');
    expect(backUrl.searchParams.getAll('label')).toEqual(['service=payment', 'severity=page', 'slo=payment-availability']);
  });

  it('reads server page params (string or list), drops malformed labels and refuses a bad id', () => {
    const sp: Record<string, string | string[] | undefined> = { alert: 'fp1', alertname: 'X', label: ['service=cart', 'bad label=1', '=x', 'noequals'] };
    expect(readAlertBackLink((k) => sp[k])).toEqual({ id: 'fp1', name: 'X', labels: { alertname: 'X', service: 'cart' } });
    expect(readAlertBackLink((k) => ({ alert: 'a/b' })[k])).toBeNull();
    expect(readAlertBackLink(() => undefined)).toBeNull();
    // An old link with the id only still leads back.
    expect(readAlertBackLink((k) => ({ alert: 'fp1' })[k])).toEqual({ id: 'fp1', name: '', labels: {} });
  });
});
