/** The one query-key factory: every react-query key in the app comes from here. */
export const queryKeys = {
  tokens: () => ['admin', 'tokens'] as const,
  users: () => ['admin', 'users'] as const,
  deployments: (query: string) => ['deployments', query] as const,
  dashboardPanel: (slug: string, panelId: string, search: string) => ['dashboards', slug, 'panels', panelId, search] as const,
  alerts: (search: string) => ['alerts', 'list', search] as const,
  alertDetail: (id: string, search: string) => ['alerts', 'detail', id, search] as const,
  dashboardVariable: (slug: string, name: string, search: string) => ['dashboards', slug, 'variables', name, search] as const,
  slos: () => ['slos'] as const,
  slo: (id: string) => ['slos', id] as const,
  traceServices: () => ['traces', 'services'] as const,
  traceOperations: (service: string) => ['traces', 'services', service, 'operations'] as const,
  traceSearch: (search: string) => ['traces', 'search', search] as const,
  logLabels: (search: string) => ['logs', 'labels', search] as const,
  logLabelValues: (name: string, search: string) => ['logs', 'labels', name, search] as const,
  logQuery: (search: string) => ['logs', 'query', search] as const,
  explore: (kind: string, search: string) => ['explore', kind, search] as const,
};
