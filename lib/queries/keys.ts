/** The one query-key factory: every react-query key in the app comes from here. */
export const queryKeys = {
  tokens: () => ['admin', 'tokens'] as const,
  deployments: (query: string) => ['deployments', query] as const,
};
