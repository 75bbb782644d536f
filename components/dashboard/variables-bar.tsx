'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { ALL_VALUE, interpolateText } from '@/lib/dashboards/interpolate';
import type { Variable } from '@/lib/dashboards/schema';
import { dependentsOf } from '@/lib/dashboards/variable-chain';
import { useVariableOptions, type DashboardParams } from '@/lib/queries/dashboards';
import type { VariableOptions } from '@/lib/panels/types';

/** The selected values of a variable: the URL's, else the default, else the first option. */
export function selectedValues(v: Variable, fromUrl: string[] | undefined, options: string[]): string[] {
  if (fromUrl?.length) return fromUrl;
  if (v.default !== undefined) return typeof v.default === 'string' ? [v.default] : v.default;
  return options.slice(0, 1);
}

/** A variable with what it offers now and what is selected. */
export interface VariableSelection {
  variable: Variable;
  /** The options request of a query variable (idle for a custom one). */
  request: UseQueryResult<VariableOptions, Error>;
  options: string[];
  values: string[];
}

/** Every variable of a dashboard with its options (read from the BFF for query variables) and its selected values. */
export function useVariableSelections(slug: string, variables: readonly Variable[], params: Pick<DashboardParams, 'from' | 'to' | 'vars'>): VariableSelection[] {
  const requests = useVariableOptions(slug, variables, params);
  return variables.map((variable, i) => {
    const request = requests[i] as UseQueryResult<VariableOptions, Error>; // one request per variable, in order
    const options = variable.type === 'custom' ? variable.options : (request.data?.options ?? []);
    return { variable, request, options, values: selectedValues(variable, params.vars[variable.name], options) };
  });
}

/** Text (a row or panel title) with the selected values filled in: "All" for every value, values joined by ", ". */
export function withSelections(text: string, selections: readonly VariableSelection[]): string {
  if (!text.includes('$') && !text.includes('[[')) return text;
  // A variable without a value yet (its options loading) keeps its reference rather than reading blank.
  return interpolateText(text, Object.fromEntries(selections.filter((s) => s.values.length > 0).map((s) => [s.variable.name, s.values.includes(ALL_VALUE) ? ['All'] : s.values])));
}

function VariablePicker({ selection, onChange }: { selection: VariableSelection; onChange: (values: string[]) => void }) {
  const { variable, request, options, values } = selection;
  const label = variable.title ?? variable.name;
  // A selected value the range no longer offers stays listed, so the select shows the URL's truth.
  const shown = [...(variable.includeAll ? [ALL_VALUE] : []), ...options, ...values.filter((v) => v !== ALL_VALUE && !options.includes(v))];
  return (
    <label className="flex items-center gap-1 text-xs">
      <span className="text-[var(--muted)]">{label}</span>
      <select
        aria-label={label}
        aria-busy={request.isFetching}
        multiple={variable.multi}
        size={variable.multi ? Math.min(4, Math.max(shown.length, 1)) : undefined}
        value={variable.multi ? values : values[0]}
        onChange={(e) => {
          const picked = [...e.target.selectedOptions].map((o) => o.value);
          // Choosing "All" next to single values means "All".
          onChange(picked.includes(ALL_VALUE) && picked.length > 1 && !values.includes(ALL_VALUE) ? [ALL_VALUE] : picked.filter((p) => p !== ALL_VALUE || picked.length === 1));
        }}
        className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5"
      >
        {shown.map((o) => (
          <option key={o} value={o}>
            {o === ALL_VALUE ? 'All' : o}
          </option>
        ))}
      </select>
      {request.isSuccess && options.length === 0 && <span className="text-[var(--muted)]">no values in this range</span>}
      {(request.data?.notices ?? []).map((n) => (
        <span key={n.message} role="status" className="text-amber-700">
          {n.message}
        </span>
      ))}
      {request.isError && <span role="alert" className="text-red-600">options unavailable: {request.error.message}</span>}
    </label>
  );
}

/**
 * One picker per dashboard variable; each change pushes `?var-<name>=` to the URL. A variable whose
 * selector uses another (chained) lists the values for that one's choice, and choosing anew resets
 * the variables that depend on it to their defaults.
 */
export function VariablesBar({ selections, onChange }: { selections: readonly VariableSelection[]; onChange: (changes: Record<string, string[] | null>) => void }) {
  if (selections.length === 0) return null;
  const variables = selections.map((s) => s.variable);
  return (
    <div className="flex flex-wrap items-start gap-4" role="group" aria-label="Variables">
      {selections.map((s) => (
        <VariablePicker
          key={s.variable.name}
          selection={s}
          onChange={(values) => onChange({ [s.variable.name]: values, ...Object.fromEntries(dependentsOf(variables, s.variable.name).map((d) => [d, null])) })}
        />
      ))}
    </div>
  );
}
