import { BUILTIN_VARIABLES, findVariableRefs } from './interpolate';
import type { Variable } from './schema';

/**
 * Chained variables: a query variable's selector may use the variables defined above it
 * (`http_server_requests_total{service="$service"}` offers the routes of the chosen service).
 * Lint refuses a selector using itself, a variable below it or one that does not exist, so the
 * chain has no cycles and the parents of a variable always come first in the dashboard's list.
 */

/** The variables a query variable's selector uses (its parents), in order of first use; none for a custom variable. */
export function selectorParents(v: Variable): string[] {
  if (v.type !== 'query') return [];
  const names = findVariableRefs(v.selector)
    .map((ref) => ref.name)
    .filter((name) => !(BUILTIN_VARIABLES as readonly string[]).includes(name));
  return [...new Set(names)];
}

/** `names` with every variable they depend on through selectors, transitively. */
export function withAncestors(variables: readonly Variable[], names: Iterable<string>): Set<string> {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    const v = byName.get(name);
    if (v) for (const parent of selectorParents(v)) visit(parent);
  };
  for (const name of names) visit(name);
  return out;
}

/** The variables whose offered values depend on `name` (its children, theirs, and so on), in dashboard order. */
export function dependentsOf(variables: readonly Variable[], name: string): string[] {
  const affected = new Set([name]);
  // Parents come first, so one pass in order sees every parent before its children.
  for (const v of variables) if (selectorParents(v).some((p) => affected.has(p))) affected.add(v.name);
  affected.delete(name);
  return variables.filter((v) => affected.has(v.name)).map((v) => v.name);
}
