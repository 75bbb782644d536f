import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

describe('navFor', () => {
  it.each([
    ['viewer', ['Dashboards', 'SLOs']],
    ['operator', ['Dashboards', 'SLOs', 'Alerts', 'Traces', 'Logs', 'Deployments']],
    ['developer', ['Dashboards', 'SLOs', 'Alerts', 'Traces', 'Logs', 'Deployments', 'Explore']],
    ['admin', ['Dashboards', 'SLOs', 'Alerts', 'Traces', 'Logs', 'Deployments', 'Explore', 'Settings']],
  ] as const)('shows %s exactly the sections that role may use', (role, labels) => {
    expect(navFor(role).map((i) => i.label)).toEqual(labels);
  });
});
