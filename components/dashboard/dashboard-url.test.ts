import { describe, expect, it } from 'vitest';
import { TimeSettingsSchema } from '@/lib/dashboards/schema';
import { completeDashboardSearch, dashboardTimeZone, timeZoneProblem } from './dashboard-url';

const time = (over: Record<string, unknown> = {}) => TimeSettingsSchema.parse({ defaultRange: 'now-1h', refresh: '30s', ...over });

describe('completeDashboardSearch', () => {
  it('makes the default range, refresh and the dashboard\u2019s own time zone explicit', () => {
    expect(completeDashboardSearch({}, time({ timezone: 'Europe/Berlin' }))).toBe('from=now-1h&to=now&refresh=30s&tz=Europe%2FBerlin');
    expect(completeDashboardSearch({ 'var-route': ['/a', '/b'] }, time({ refresh: 'off' }))).toBe('var-route=%2Fa&var-route=%2Fb&from=now-1h&to=now');
  });

  it('gives a link with a range but no refresh the dashboard\u2019s refresh, which the picker then shows', () => {
    expect(completeDashboardSearch({ from: 'now-6h', to: 'now' }, time())).toBe('from=now-6h&to=now&refresh=30s');
    expect(completeDashboardSearch({ from: 'now-6h', to: 'now', refresh: 'often' }, time({ refresh: 'off' }))).toBe('from=now-6h&to=now&refresh=off');
  });

  it('keeps a refresh turned off, and leaves a complete URL alone', () => {
    expect(completeDashboardSearch({ from: 'now-6h', to: 'now', refresh: 'off' }, time())).toBeNull();
    expect(completeDashboardSearch({ from: 'now-6h', to: 'now' }, time({ refresh: 'off' }))).toBeNull();
    expect(completeDashboardSearch({ from: 'now-6h', to: 'now', refresh: '1m', tz: 'UTC' }, time({ timezone: 'Asia/Tokyo' }))).toBeNull();
  });
});

describe('time zone of the page', () => {
  it('lets a valid tz override the dashboard\u2019s zone and refuses an invalid one', () => {
    expect(dashboardTimeZone('Asia/Tokyo', 'UTC')).toBe('Asia/Tokyo');
    expect(dashboardTimeZone(null, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneProblem(undefined)).toBeNull();
    expect(timeZoneProblem('Asia/Tokyo')).toBeNull();
    expect(timeZoneProblem('Mars/Olympus')).toBe('“Mars/Olympus” is not a time zone: use an IANA name such as UTC or Europe/Berlin.');
  });
});
