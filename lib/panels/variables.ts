import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import { checkRequestedValues, findTextVariableNames, findVariableRefs, interpolateQuery, resolveVariableValues, type CheckedValues, type RequestedValues, type ResolvedVariables } from '@/lib/dashboards/interpolate';
import { querySites, textSites } from '@/lib/dashboards/panel-sites';
import type { Dashboard, Panel, Variable } from '@/lib/dashboards/schema';
import { selectorParents, withAncestors } from '@/lib/dashboards/variable-chain';
import { windowBuiltins, type PanelDeps, type PanelWindow } from './context';

/**
 * The values a dashboard's variables offer over one window, each read at most once: a custom
 * variable's list, or a query variable's label values from Prometheus for its selector, with the
 * variables above it that the selector uses (chained variables) filled in from their requested
 * values, else their defaults, else their first value. Identical requests share one upstream call.
 */
export function variableOptionsReader(deps: PanelDeps, dashboard: Dashboard, window: PanelWindow, checked: CheckedValues, call: CallOptions) {
  const builtins = windowBuiltins(window, deps.scrapeIntervalSeconds);
  // Each variable's options and resolved parents, worked out once per reader (a request).
  const options = new Map<string, Promise<string[]>>();
  const parents = new Map<string, Promise<ResolvedVariables>>();
  const once = <T>(memo: Map<string, Promise<T>>, v: Variable, work: (v: Variable) => Promise<T>): Promise<T> => {
    let result = memo.get(v.name);
    if (!result) memo.set(v.name, (result = work(v)));
    return result;
  };
  const optionsOf = (v: Variable): Promise<string[]> => once(options, v, readOptions);
  /** Options of the query variables among `variables`, by name (a custom variable's are its own). */
  const optionsByName = async (variables: readonly Variable[]): Promise<Record<string, string[]>> =>
    Object.fromEntries(await Promise.all(variables.filter((v) => v.type === 'query').map(async (v) => [v.name, await optionsOf(v)] as const)));
  /** The parents of `v` resolved: their values, the notices on values left out, and those left with none. */
  const parentsOf = (v: Variable): Promise<ResolvedVariables> =>
    once(parents, v, async () => {
      const above = parentsAbove(dashboard.variables, v);
      return resolveVariableValues(dashboard.variables, checked, await optionsByName(above), new Set(above.map((p) => p.name)));
    });
  async function readOptions(v: Variable): Promise<string[]> {
    if (v.type === 'custom') return v.options;
    const resolved = await parentsOf(v);
    // A parent with no value in this window leaves its children none.
    if (resolved.empty.length > 0) return [];
    const selector = interpolateQuery(v.selector, resolved.values, builtins);
    const values = await deps.labelValues(v.label, [selector], { start: window.start, end: window.end }, { ...call, cache: true });
    return [...values].sort();
  }
  return { optionsOf, optionsByName, parentsOf };
}

/**
 * The variables `v`'s selector uses, each defined above it (so a chain has no cycles); INVALID_INPUT
 * naming them otherwise (lint reports it too).
 */
function parentsAbove(variables: readonly Variable[], v: Variable): Variable[] {
  const own = variables.indexOf(v);
  return selectorParents(v).map((name) => {
    const at = variables.findIndex((p) => p.name === name);
    if (at < 0) throw new AppError('INVALID_INPUT', `the selector of $${v.name} uses $${name}, which the dashboard does not define`);
    if (at >= own) throw new AppError('INVALID_INPUT', `the selector of $${v.name} uses $${name}, which is not defined above it; a selector may use only the variables above it`);
    return variables[at] as Variable;
  });
}

/** Refuses (INVALID_INPUT) a value for a variable the dashboard does not have, and unsafe values of those it has. */
export function checkVariableRequest(dashboard: Dashboard, requested: RequestedValues): CheckedValues {
  const unknown = Object.keys(requested).filter((name) => !dashboard.variables.some((v) => v.name === name));
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `dashboard "${dashboard.slug}" has no variable $${unknown[0]}`);
  return checkRequestedValues(dashboard.variables, requested);
}

/** The query string of a dashboard's panel and variable endpoints: the range, and `var-<name>` values. */
export const DashboardQuerySchema = z
  .looseObject({ from: z.string().max(40).optional(), to: z.string().max(40).optional() })
  .catchall(z.union([z.string().max(400), z.array(z.string().max(400)).max(200)]));

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
 * only the variables the panel uses (and those their selectors use) are resolved, so a panel that
 * uses none never asks Prometheus for label values, and a value the window does not offer costs the
 * panels using it their data (with a notice), not an error on every panel.
 */
export async function validateVariables(deps: PanelDeps, dashboard: Dashboard, panel: Panel, requested: RequestedValues, window: PanelWindow, call: CallOptions): Promise<ResolvedVariables> {
  // Every requested value is checked for its characters before any label values are read.
  const checked = checkVariableRequest(dashboard, requested);
  const used = withAncestors(dashboard.variables, panelVariableNames(panel));
  const reader = variableOptionsReader(deps, dashboard, window, checked, call);
  const available = await reader.optionsByName(dashboard.variables.filter((v) => used.has(v.name)));
  return resolveVariableValues(dashboard.variables, checked, available, used);
}
