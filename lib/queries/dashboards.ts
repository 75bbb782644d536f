'use client';

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { Variable } from '@/lib/dashboards/schema';
import { selectorParents, withAncestors } from '@/lib/dashboards/variable-chain';
import type { PanelData, VariableOptions } from '@/lib/panels/types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** The URL state every panel of a dashboard shares. */
export interface DashboardParams {
  from: string;
  to: string;
  /** Selected values by variable name (empty: the dashboard default). */
  vars: Record<string, string[]>;
  /** Auto-refresh interval in ms, or false. */
  refreshMs: number | false;
}

/** Query string for the BFF: from, to and one `var-<name>` per selected value (sorted, so keys are stable). */
export function toPanelSearch(p: Pick<DashboardParams, 'from' | 'to' | 'vars'>): string {
  const sp = new URLSearchParams({ from: p.from, to: p.to });
  for (const name of Object.keys(p.vars).sort()) for (const v of p.vars[name] ?? []) sp.append(`var-${name}`, v);
  return sp.toString();
}

/** One panel's data from `/api/dashboards/{slug}/panels/{panelId}`; refetches on the dashboard's refresh interval. */
export function usePanelData(slug: string, panelId: string, params: DashboardParams, enabled = true) {
  const search = toPanelSearch(params);
  return useQuery({
    queryKey: queryKeys.dashboardPanel(slug, panelId, search),
    queryFn: ({ signal }) => fetchJson<PanelData>(`/api/dashboards/${encodeURIComponent(slug)}/panels/${encodeURIComponent(panelId)}?${search}`, { signal }),
    refetchInterval: params.refreshMs,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
    enabled,
  });
}

/**
 * The query string of a variable's options: the range and the URL's values of every variable above
 * it in its chain (a grandparent's choice decides the parent's default, and so the options).
 */
export function variableOptionsSearch(variables: readonly Variable[], v: Variable, params: Pick<DashboardParams, 'from' | 'to' | 'vars'>): string {
  const ancestors = [...withAncestors(variables, selectorParents(v))].filter((p) => p !== v.name);
  const chosen = Object.fromEntries(ancestors.flatMap((p) => (params.vars[p] ? [[p, params.vars[p]]] : [])));
  return toPanelSearch({ from: params.from, to: params.to, vars: chosen });
}

/**
 * The values each query variable of a dashboard offers over the current range (a custom variable's
 * query is disabled). A chained variable's request carries the URL's values of the variables its
 * selector uses and of theirs in turn, so its options follow their choice.
 */
export function useVariableOptions(slug: string, variables: readonly Variable[], params: Pick<DashboardParams, 'from' | 'to' | 'vars'>) {
  return useQueries({
    queries: variables.map((v) => {
      const search = variableOptionsSearch(variables, v, params);
      return {
        queryKey: queryKeys.dashboardVariable(slug, v.name, search),
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<VariableOptions>(`/api/dashboards/${encodeURIComponent(slug)}/variables/${encodeURIComponent(v.name)}?${search}`, { signal }),
        staleTime: 60_000,
        retry: retryServerErrors,
        enabled: v.type === 'query',
      };
    }),
  });
}
