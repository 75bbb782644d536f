import { AppError } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import { resolveVariableValues, type RequestedValues } from '@/lib/dashboards/interpolate';
import type { Dashboard, Variable } from '@/lib/dashboards/schema';
import type { PanelDeps } from './context';
import type { ResolvedWindow } from './types';

/**
 * Allowed values of a dashboard's variables: a custom variable's list, or a query variable's label
 * values from Prometheus over the (step-aligned) window, so identical requests share one upstream call.
 */
export async function fetchVariableOptions(deps: PanelDeps, variable: Variable, window: ResolvedWindow, call: CallOptions): Promise<string[]> {
  if (variable.type === 'custom') return variable.options;
  const values = await deps.labelValues(variable.label, [variable.selector], { start: window.start, end: window.end }, { ...call, cache: true });
  return [...values].sort();
}

/** Pulls `var-<name>` parameters out of a query object. */
export function toRequestedValues(query: Readonly<Record<string, string | readonly string[] | undefined>>): Record<string, string | readonly string[] | undefined> {
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const [key, value] of Object.entries(query)) if (key.startsWith('var-')) out[key.slice(4)] = value;
  return out;
}

/**
 * Validates the requested values of every variable against its allowed values (fetching label
 * values for query variables). Throws INVALID_INPUT naming the variable before any panel query runs.
 */
export async function validateVariables(deps: PanelDeps, dashboard: Dashboard, requested: RequestedValues, window: ResolvedWindow, call: CallOptions): Promise<Record<string, string[]>> {
  const unknown = Object.keys(requested).filter((name) => !dashboard.variables.some((v) => v.name === name));
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `dashboard "${dashboard.slug}" has no variable $${unknown[0]}`);
  const available: Record<string, string[]> = {};
  await Promise.all(
    dashboard.variables
      .filter((v) => v.type === 'query')
      .map(async (v) => {
        available[v.name] = await fetchVariableOptions(deps, v, window, call);
      }),
  );
  return resolveVariableValues(dashboard.variables, requested, available);
}
