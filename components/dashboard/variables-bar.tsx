'use client';

import type { Variable } from '@/lib/dashboards/schema';
import { useVariableOptions } from '@/lib/queries/dashboards';

const ALL = '$__all';

/** The selected values of a variable: the URL's, else the default, else the first option. */
export function selectedValues(v: Variable, fromUrl: string[] | undefined, options: string[]): string[] {
  if (fromUrl?.length) return fromUrl;
  if (v.default !== undefined) return typeof v.default === 'string' ? [v.default] : v.default;
  return options.slice(0, 1);
}

function VariablePicker({ slug, variable, from, to, selected, onChange }: { slug: string; variable: Variable; from: string; to: string; selected: string[] | undefined; onChange: (values: string[]) => void }) {
  const q = useVariableOptions(slug, variable.name, from, to, variable.type === 'query');
  const options = variable.type === 'custom' ? variable.options : (q.data?.options ?? []);
  const values = selectedValues(variable, selected, options);
  const label = variable.title ?? variable.name;
  // A selected value the range no longer offers stays listed, so the select shows the URL's truth.
  const shown = [...(variable.includeAll ? [ALL] : []), ...options, ...values.filter((v) => v !== ALL && !options.includes(v))];
  return (
    <label className="flex items-center gap-1 text-xs">
      <span className="text-[var(--muted)]">{label}</span>
      <select
        aria-label={label}
        multiple={variable.multi}
        size={variable.multi ? Math.min(4, shown.length) : undefined}
        value={variable.multi ? values : values[0]}
        onChange={(e) => {
          const picked = [...e.target.selectedOptions].map((o) => o.value);
          // Choosing "All" next to single values means "All".
          onChange(picked.includes(ALL) && picked.length > 1 && !values.includes(ALL) ? [ALL] : picked.filter((p) => p !== ALL || picked.length === 1));
        }}
        className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5"
      >
        {shown.map((o) => (
          <option key={o} value={o}>
            {o === ALL ? 'All' : o}
          </option>
        ))}
      </select>
      {q.isError && <span role="alert" className="text-red-600">options unavailable: {q.error.message}</span>}
    </label>
  );
}

/** One picker per dashboard variable; each change pushes `?var-<name>=` to the URL. */
export function VariablesBar({ slug, variables, from, to, vars, onChange }: { slug: string; variables: Variable[]; from: string; to: string; vars: Record<string, string[]>; onChange: (name: string, values: string[]) => void }) {
  if (variables.length === 0) return null;
  return (
    <div className="flex flex-wrap items-start gap-4" role="group" aria-label="Variables">
      {variables.map((v) => (
        <VariablePicker key={v.name} slug={slug} variable={v} from={from} to={to} selected={vars[v.name]} onChange={(values) => onChange(v.name, values)} />
      ))}
    </div>
  );
}
