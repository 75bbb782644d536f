import type { Alert, UnixMs } from '@/lib/datasources/types';

/** An alert for tests: firing since t = 1 s, neither silenced nor inhibited, named by its alertname label; `more` overrides any field. */
export function testAlert(labels: Record<string, string>, more: Partial<Alert> = {}): Alert {
  return {
    id: labels.alertname ?? 'unnamed',
    name: labels.alertname ?? 'unnamed',
    labels,
    annotations: {},
    state: 'firing',
    activeAt: 1_000 as UnixMs,
    value: 1,
    silenced: false,
    inhibited: false,
    silencedBy: [],
    inhibitedBy: [],
    generatorUrl: null,
    ...more,
  };
}
