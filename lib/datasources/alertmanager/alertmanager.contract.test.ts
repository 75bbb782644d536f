import { describe, expect, it } from 'vitest';
import { fixtureHttp, listFixtures } from '@/lib/testing/fixtures';
import { createPrometheusClient } from '../prometheus/client';
import { createAlertmanagerClient } from './client';
import { mergeAlerts } from './to-alerts';

const am = (name: string) => createAlertmanagerClient({ http: fixtureHttp('alertmanager', name).http });

describe('Alertmanager fixtures (captured from a real server)', () => {
  it('has a contract test for every captured fixture', () => {
    expect(listFixtures('alertmanager')).toEqual(['alerts', 'silences']);
  });

  it('reads alerts with fingerprint, silence and generator URL', async () => {
    const [a] = await am('alerts').alerts();
    expect(a).toMatchObject({ name: 'AlwaysFiring', state: 'firing', silenced: true, inhibited: false });
    expect(a!.id).toMatch(/^[0-9a-f]+$/);
    expect(a!.silencedBy).toHaveLength(1);
    expect(a!.generatorUrl).toContain('/graph?g0.expr=');
    expect(a!.activeAt).toBeGreaterThan(1.6e12);
  });

  it('merges silenced status into the Prometheus alert with the same labels', async () => {
    const prom = await createPrometheusClient({ http: fixtureHttp('prometheus', 'alerts').http }).alerts();
    const merged = mergeAlerts(prom, await am('alerts').alerts());
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ name: 'AlwaysFiring', value: 1, silenced: true });
  });

  it('reads silences with epoch-ms times', async () => {
    const [s] = await am('silences').silences();
    expect(s).toMatchObject({ state: 'active', comment: 'planned maintenance', matchers: [{ name: 'alertname', value: 'AlwaysFiring' }] });
    expect(s!.endsAt - s!.startsAt).toBeGreaterThan(3_600_000);
  });

  it('passes label filters upstream', async () => {
    const f = fixtureHttp('alertmanager', 'alerts');
    await createAlertmanagerClient({ http: f.http }).alerts({ matchers: ['service="payment"'], silenced: false });
    expect(f.urls[0]).toContain('filter=service%3D%22payment%22&silenced=false');
  });
});
