'use client';

import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { KeptParams } from '@/components/ui/kept-params';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useTraceOperations, useTraceServices } from '@/lib/queries/traces';
import { parseTagList } from '@/lib/traces/tag-list';

/** The search as it lives in the URL; every value is a string, empty meaning "not set". */
export interface SearchFields {
  service: string;
  operation: string;
  tags: string;
  minDuration: string;
  maxDuration: string;
  errors: boolean;
  limit: string;
}

// Go duration syntax, as Jaeger reads it; the BFF checks again.
const DURATION = /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/;

/** Client-side checks that name the field; the BFF repeats them authoritatively. */
function validate(f: SearchFields): Partial<Record<keyof SearchFields, string>> {
  const errors: Partial<Record<keyof SearchFields, string>> = {};
  if (!f.service) errors.service = 'Choose a service';
  const tags = parseTagList(f.tags);
  if (!tags.ok) errors.tags = tags.error;
  for (const k of ['minDuration', 'maxDuration'] as const) if (f[k] && !DURATION.test(f[k].trim())) errors[k] = 'Use a duration such as 100ms, 1.5s or 2m';
  const limit = Number(f.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1500) errors.limit = 'From 1 to 1500';
  return errors;
}

/** The fields kept in the URL as they are (`errors` is the flag `errors=1`). */
export const STRING_FIELDS = ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'limit'] as const;
/** The URL parameters the form's controls set. */
const FORM_FIELDS = [...STRING_FIELDS, 'errors'] as const;

/** The fields typed as text: before hydration, only these (and the check box) can be changed. */
const TEXT_FIELDS = ['tags', 'minDuration', 'maxDuration', 'limit'] as const;
const isTextField = (name: string): name is (typeof TEXT_FIELDS)[number] => (TEXT_FIELDS as readonly string[]).includes(name);

const input = 'rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 text-sm';

/**
 * The trace search form: service and operation from Jaeger, tags, durations, errors only, limit.
 * The server renders it, and its controls are named like the page's URL parameters: what is typed
 * before the page is interactive is taken on hydration, and a search sent before then is a plain GET
 * of this page with the same parameters (and the page's others, such as the time range).
 */
export function SearchForm({ initial, urlParams, serverError, onSearch }: { initial: SearchFields; urlParams: URLSearchParams; serverError: { field: string; message: string } | null; onSearch: (f: SearchFields) => void }) {
  const [f, setF] = useState(initial);
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof SearchFields, string>>>({});
  const services = useTraceServices();
  const operations = useTraceOperations(f.service);
  const set = <K extends keyof SearchFields>(k: K, v: SearchFields[K]) => setF((old) => ({ ...old, [k]: v, ...(k === 'service' ? { operation: '' } : {}) }));
  useEarlyInput(form, (control) => {
    if (control.name === 'errors') set('errors', control instanceof HTMLInputElement && control.checked);
    else if (isTextField(control.name)) set(control.name, control.value);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(f);
    setErrors(found);
    if (Object.keys(found).length === 0) onSearch(f);
  };
  const errorOf = (k: keyof SearchFields) => errors[k] ?? (serverError?.field === k ? serverError.message : undefined);
  const field = (k: keyof SearchFields, label: string, control: ReactNode) => (
    <label className="flex flex-col gap-0.5 text-xs">
      <span className="text-[var(--muted)]">{label}</span>
      {control}
      {errorOf(k) && <span role="alert" className="text-[var(--bad)]">{errorOf(k)}</span>}
    </label>
  );

  return (
    <form ref={form} method="get" onSubmit={submit} aria-label="Trace search" className="flex flex-col gap-2 rounded border border-[var(--border)] bg-[var(--panel)] p-3">
      {field('service', 'Service', (
        <select name="service" aria-label="Service" aria-invalid={!!errorOf('service')} value={f.service} onChange={(e) => set('service', e.target.value)} className={input}>
          <option value="">{services.isPending ? 'Loading…' : services.isError ? 'Jaeger is unavailable' : 'Choose…'}</option>
          {services.data?.map((s) => <option key={s} value={s}>{s}</option>)}
          {/* The URL's service is an option before the list arrives (and when Jaeger no longer lists it), so the server-rendered form sends it too. */}
          {f.service && !services.data?.includes(f.service) && <option value={f.service}>{f.service}</option>}
        </select>
      ))}
      {services.isError && <p role="alert" className="text-xs text-[var(--bad)]">{services.error.message}</p>}
      {field('operation', 'Operation', (
        <select name="operation" aria-label="Operation" value={f.operation} onChange={(e) => set('operation', e.target.value)} className={input} disabled={!f.service}>
          <option value="">All operations</option>
          {operations.data?.map((o) => <option key={o} value={o}>{o}</option>)}
          {f.operation && !operations.data?.includes(f.operation) && <option value={f.operation}>{f.operation}</option>}
        </select>
      ))}
      {field('tags', 'Tags (key=value …)', (
        <textarea name="tags" aria-label="Tags" aria-invalid={!!errorOf('tags')} rows={2} value={f.tags} placeholder='http.status_code=500 http.route="/api/cart"' onChange={(e) => set('tags', e.target.value)} className={`${input} font-mono text-xs`} />
      ))}
      <div className="grid grid-cols-2 gap-2">
        {field('minDuration', 'Min duration', <input name="minDuration" aria-label="Min duration" aria-invalid={!!errorOf('minDuration')} value={f.minDuration} placeholder="100ms" onChange={(e) => set('minDuration', e.target.value)} className={input} />)}
        {field('maxDuration', 'Max duration', <input name="maxDuration" aria-label="Max duration" aria-invalid={!!errorOf('maxDuration')} value={f.maxDuration} placeholder="5s" onChange={(e) => set('maxDuration', e.target.value)} className={input} />)}
      </div>
      <div className="flex items-end justify-between gap-2">
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" name="errors" value="1" checked={f.errors} onChange={(e) => set('errors', e.target.checked)} /> Errors only
        </label>
        {field('limit', 'Limit', <input name="limit" aria-label="Limit" type="number" min={1} max={1500} value={f.limit} onChange={(e) => set('limit', e.target.value)} className={`${input} w-24`} />)}
      </div>
      <KeptParams params={urlParams} except={FORM_FIELDS} />
      <button type="submit" className="rounded bg-[var(--accent)] px-3 py-1.5 text-sm font-medium text-white">Find traces</button>
    </form>
  );
}
