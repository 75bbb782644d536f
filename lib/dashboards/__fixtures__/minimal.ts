import type { DashboardInput } from '../schema';

/** A small valid dashboard for tests; each call returns a fresh copy to mutate. */
export function minimalDashboard(): DashboardInput {
  return {
    $schema: './schema.json',
    slug: 'case',
    title: 'Case',
    kind: 'service',
    audience: 'developers',
    purpose: 'Shows whether the checkout service answers without errors.',
    owners: ['checkout-team'],
    escalation: '#checkout-oncall',
    links: ['other'],
    variables: [{ name: 'route', type: 'query', selector: 'http_server_requests_total{service="checkout"}', label: 'route', multi: true, includeAll: true, default: '$__all' }],
    rows: [
      {
        title: 'Health',
        panels: [
          {
            id: 'rate',
            title: 'Requests per second',
            type: 'timeseries',
            unit: 'reqps',
            queries: [{ id: 'q', expr: 'sum by (route) (rate(http_server_requests_total{service="checkout",route=~"$route"}[$__rate_interval]))' }],
            thresholds: [{ alertRule: 'KnownAlert' }],
            deploymentServices: ['checkout'],
          },
          { id: 'logs', title: 'Logs', type: 'logs', expr: '{service_name="checkout"} | json' },
          { id: 'slo', title: 'Checkout SLO', type: 'slo', sloId: 'known' },
        ],
      },
    ],
  };
}

/** A valid SLO definition with id "known". */
export const KNOWN_SLO = {
  $schema: '../schema.json',
  id: 'known',
  service: 'checkout',
  name: 'Checkout',
  journey: 'A shopper places an order.',
  sli: { type: 'ratio', good: 'http_server_requests_total{status!~"5.."}', valid: 'http_server_requests_total' },
  objective: 99.5,
  window: { type: 'rolling', days: 30 },
  owner: 'checkout-team',
  links: { dashboard: 'other' },
};
