'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { PanelNotices } from '@/components/dashboard/panel-states';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { BffError } from '@/lib/queries/fetch-json';
import { useTraceSearch } from '@/lib/queries/traces';
import { SearchForm, STRING_FIELDS, type SearchFields } from './search-form';
import { TraceList } from './trace-list';
import { TraceScatter } from './trace-scatter';
import { plural } from '@/lib/text/plural';

/** Reads the search from the URL; `errors` is a flag, the rest are strings. */
function toFields(sp: URLSearchParams): SearchFields {
  return {
    service: sp.get('service') ?? '',
    operation: sp.get('operation') ?? '',
    tags: sp.get('tags') ?? '',
    minDuration: sp.get('minDuration') ?? '',
    maxDuration: sp.get('maxDuration') ?? '',
    errors: sp.get('errors') === '1',
    limit: sp.get('limit') ?? '20',
  };
}

/** "query.minDuration: must be…" → the form field it names, so the message shows at that field. */
function toFieldError(err: Error | null): { field: string; message: string } | null {
  if (!(err instanceof BffError) || err.code !== 'INVALID_INPUT') return null;
  const m = /^query\.(\w+): (.*)$/.exec(err.message);
  return m ? { field: m[1]!, message: m[2]! } : null;
}

/**
 * The trace search page: the form, then a duration-over-time scatter plot and a sortable list.
 * The whole search lives in the URL (with the header's from/to), so it is shareable and Back works.
 */
export function TraceSearchView() {
  const sp = useSearchParams();
  const router = useRouter();
  const fields = useMemo(() => toFields(sp), [sp]);
  const from = sp.get('from') ?? 'now-1h';
  const to = sp.get('to') ?? 'now';
  const apiSearch = useMemo(() => {
    if (!fields.service) return null;
    const q = new URLSearchParams({ from, to });
    for (const k of STRING_FIELDS) if (fields[k]) q.set(k, fields[k]);
    if (fields.errors) q.set('errors', '1');
    return q.toString();
  }, [fields, from, to]);
  const result = useTraceSearch(apiSearch);
  const fieldError = toFieldError(result.error);

  const push = useUrlUpdate({ scroll: false });
  const search = (f: SearchFields) => push({ ...Object.fromEntries(STRING_FIELDS.map((k) => [k, f[k].trim()])), errors: f.errors ? '1' : null });

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <SearchForm key={sp.toString()} initial={fields} urlParams={sp} serverError={fieldError} onSearch={search} />
      <section aria-label="Search results" className="flex min-w-0 flex-col gap-3">
        {!apiSearch && <p className="text-sm text-[var(--muted)]">Choose a service and press Find traces.</p>}
        {result.isError && !fieldError && <SearchProblem error={result.error} />}
        {result.isError && fieldError && <p role="alert" className="text-sm text-[var(--bad)]">Check the {fieldError.field} field: {fieldError.message}</p>}
        {apiSearch && result.isPending && <p role="status" className="text-sm text-[var(--muted)]">Searching Jaeger…</p>}
        {result.data && !result.isError && (
          <>
            <p className="text-xs text-[var(--muted)]" aria-live="polite">
              {plural(result.data.traces.length, 'trace')} found{result.isFetching ? ' (updating…)' : ''}
            </p>
            <PanelNotices notices={result.data.notices} />
            {result.data.traces.length === 0 ? (
              <p className="rounded border border-dashed border-[var(--border)] p-6 text-center text-sm text-[var(--muted)]">No traces match this search in the chosen time range.</p>
            ) : (
              <>
                <TraceScatter traces={result.data.traces} onOpen={(id) => router.push(`/traces/${id}`)} />
                <TraceList traces={result.data.traces} />
              </>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function SearchProblem({ error }: { error: Error }) {
  const down = error instanceof BffError && (error.status === 503 || error.status === 504);
  return (
    <div role="alert" className="rounded border border-[var(--bad)] bg-[var(--panel)] p-3 text-sm">
      <p className="font-semibold text-[var(--bad)]">{down ? 'Jaeger is unavailable' : 'The search failed'}</p>
      <p className="text-[var(--muted)]">{error.message}</p>
      {down && <p className="text-xs text-[var(--muted)]">Traces cannot be searched until Jaeger answers again; the rest of Sightline keeps working.</p>}
    </div>
  );
}
