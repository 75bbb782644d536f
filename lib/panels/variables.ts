import { AppError } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import { checkRequestedValues, findTextVariableNames, findVariableRefs, resolveVariableValues, type RequestedValues, type ResolvedVariables } from '@/lib/dashboards/interpolate';
import { querySites, textSites } from '@/lib/dashboards/panel-sites';
import type { Dashboard, Panel, Variable } from '@/lib/dashboards/schema';
import type { PanelDeps } from './context';
import type { ResolvedWindow } from './types';

/**
 * Allowed values of a dashboard's variables: a custom variable's list, or a query variable's label
 * values from Prometheus over the window, so identical requests share one upstream call. A selector
 * is used as written: one naming another variable is refused (lint reports it too) rather than
 * read for no values.
 */
export async function fetchVariableOptions(deps: PanelDeps, variable: Variable, window: ResolvedWindow, call: CallOptions): Promise<string[]> {
  if (variable.type === 'custom') return variable.options;
  const ref = findVariableRefs(variable.selector)[0];
  if (ref) throw new AppError('INVALID_INPUT', `the selector of $${variable.name} uses $${ref.name}, which is not filled in there; write the selector with fixed label values`);
  const values = await deps.labelValues(variable.label, [variable.selector], { start: window.start, end: window.end }, { ...call, cache: true });
  return [...values].sort();
}

/** Pulls `var-<name>` parameters out of a query object. */
export function toRequestedValues(query: Readonly<Record<string, string | readonly string[] | undefined>>): Record<string, string | readonly string[] | undefined> {
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const [key, value] of Object.entries(query)) if (key.startsWith('var-')) out[key.slice(4)] = value;
  return out;
}

/** Names of the variables (and built-ins) a panel's data depends on: its queries, alert label filters, service and deployment services. */
export function panelVariableNames(panel: Panel): Set<string> {
  const names = new Set<string>();
  // Pointers are for lint's findings; here only the fields matter.
  for (const site of querySites(panel, '')) for (const ref of findVariableRefs(site.expr)) names.add(ref.name);
  for (const site of textSites(panel, '')) if (site.feedsData) for (const name of findTextVariableNames(site.text)) names.add(name);
  return names;
}

/**
 * Validates the requested variable values for one panel before any of its queries runs: unknown
 * variables and unsafe values are refused (INVALID_INPUT naming the variable) whichever panel asks;
 * only the variables the panel uses are resolved, so a panel that uses none never asks Prometheus
 * for label values, and a value the window does not offer costs the panels using it their data
 * (with a notice), not an error on every panel.
 */
export async function validateVariables(deps: PanelDeps, dashboard: Dashboard, panel: Panel, requested: RequestedValues, window: ResolvedWindow, call: CallOptions): Promise<ResolvedVariables> {
  const unknown = Object.keys(requested).filter((name) => !dashboard.variables.some((v) => v.name === name));
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `dashboard "${dashboard.slug}" has no variable $${unknown[0]}`);
  const used = panelVariableNames(panel);
  const available: Record<string, string[]> = {};
  // Every requested value is checked for its characters before any label values are read.
  const checked = checkRequestedValues(dashboard.variables, requested);
  await Promise.all(
    dashboard.variables
      .filter((v) => v.type === 'query' && used.has(v.name))
      .map(async (v) => {
        available[v.name] = await fetchVariableOptions(deps, v, window, call);
      }),
  );
  return resolveVariableValues(dashboard.variables, checked, available, used);
}
