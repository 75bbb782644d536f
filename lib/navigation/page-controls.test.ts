import { describe, expect, it } from 'vitest';
import { pageControls, pageRefresh } from './page-controls';

describe('pageControls', () => {
  it('gives live pages their own auto-refresh and pages that do not refresh none', () => {
    expect(pageControls('/alerts').refresh).toBe('30s');
    expect(pageControls('/alerts/abc123').refresh).toBe('30s');
    expect(pageControls('/slos').refresh).toBe('1m');
    expect(pageControls('/slos/checkout-availability').refresh).toBe('1m');
    expect(pageControls('/d/public-api').refresh).toBe('off');
    for (const path of ['/traces', '/traces/0af7651916cd43dd8448eb211c80319c', '/logs', '/explore', '/deployments', '/search', '/settings', '/dashboards']) {
      expect(pageControls(path).refresh, path).toBeNull();
    }
  });

  it('shows the time range only where the page reads it or carries it on', () => {
    for (const path of ['/d/public-api', '/alerts', '/alerts/abc', '/traces', '/logs', '/explore', '/deployments', '/search']) expect(pageControls(path).range, path).toBe(true);
    for (const path of ['/slos', '/slos/payment', '/settings', '/dashboards', '/']) expect(pageControls(path).range, path).toBe(false);
  });

  it('matches whole path segments, not prefixes of other names', () => {
    expect(pageControls('/alertsx')).toEqual({ range: false, refresh: null });
    expect(pageControls('/dashboards')).toEqual({ range: false, refresh: null });
  });
});

describe('pageRefresh', () => {
  it('is the URL’s interval on a page that refreshes, else the page’s own, and null where nothing refreshes', () => {
    expect(pageRefresh('/alerts', null)).toBe('30s');
    expect(pageRefresh('/alerts', 'off')).toBe('off');
    expect(pageRefresh('/alerts', 'often')).toBe('30s');
    expect(pageRefresh('/slos/payment', '5m')).toBe('5m');
    expect(pageRefresh('/traces', '1m')).toBeNull();
  });
});
