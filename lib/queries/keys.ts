/** The one query-key factory: every react-query key in the app comes from here. */
export const queryKeys = {
  tokens: () => ['admin', 'tokens'] as const,
  deployments: (query: string) => ['deployments', query] as const,
  dashboardPanel: (slug: string, panelId: string, search: string) => ['dashboards', slug, 'panels', panelId, search] as const,
  dashboardVariable: (slug: string, name: string, search: string) => ['dashboards', slug, 'variables', name, search] as const,
};
