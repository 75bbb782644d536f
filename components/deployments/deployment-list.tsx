'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import type { Deployment } from '@/lib/datasources/types';
import { KeptParams } from '@/components/ui/kept-params';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { fetchJson } from '@/lib/queries/fetch-json';
import { queryKeys } from '@/lib/queries/keys';
import { ShownTime } from '@/components/ui/shown-time';

const fmt = (ms: number | null) => (ms === null ? '—' : <ShownTime t={ms} />);
/** The URL parameters the filter form sets. */
const FILTERS = ['service', 'environment'] as const;
const STATUS_COLOUR: Record<string, string> = { succeeded: 'text-[var(--ok)]', failed: 'text-[var(--bad)]', rolled_back: 'text-[var(--warn)]', started: 'text-[var(--muted)]' };

/**
 * Deployments in the page's time range, filterable by service and environment (kept in the URL).
 * The filter form is a GET of this page, so it also works before the page is interactive.
 */
export function DeploymentList() {
  const params = useSearchParams();
  const from = params.get('from') ?? 'now-7d';
  const to = params.get('to') ?? 'now';
  const service = params.get('service') ?? '';
  const environment = params.get('environment') ?? '';
  const qs = new URLSearchParams({ from, to, ...(service ? { service } : {}), ...(environment ? { environment } : {}) });
  const q = useQuery({ queryKey: queryKeys.deployments(qs.toString()), queryFn: () => fetchJson<{ deployments: Deployment[] }>(`/api/deployments?${qs}`) });
  const push = useUrlUpdate();
  const applyFilters = (form: HTMLFormElement) => {
    const data = new FormData(form);
    push(Object.fromEntries(FILTERS.map((key) => [key, String(data.get(key) ?? '').trim()])));
  };

  return (
    <div className="flex flex-col gap-3">
      <form
        key={`${service}\n${environment}`}
        method="get"
        aria-label="Filter deployments"
        className="flex items-end gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          applyFilters(e.currentTarget);
        }}
      >
        <label className="flex flex-col">Service<input name="service" defaultValue={service} placeholder="any" className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1" /></label>
        <label className="flex flex-col">Environment<input name="environment" defaultValue={environment} placeholder="any" className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1" /></label>
        <KeptParams params={params} except={FILTERS} />
        <button type="submit" className="rounded border border-[var(--border)] px-3 py-1">Filter</button>
      </form>
      {q.isPending && <p>Loading deployments…</p>}
      {q.error && <p role="alert" className="text-[var(--bad)]">Could not load deployments: {q.error.message}</p>}
      {q.data && q.data.deployments.length === 0 && <p className="text-[var(--muted)]">No deployments in this time range.</p>}
      {q.data && q.data.deployments.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-[var(--muted)]"><tr><th>Started</th><th>Service</th><th>Environment</th><th>Version</th><th>Commit</th><th>Status</th><th>Finished</th><th>By</th><th>Description</th></tr></thead>
          <tbody>
            {q.data.deployments.map((d) => (
              <tr key={d.id} className="border-t border-[var(--border)] align-top">
                <td className="py-1 font-mono">{fmt(d.startedAt)}</td><td>{d.service}</td><td>{d.environment}</td>
                <td>{d.url ? <a href={d.url} className="text-[var(--accent)] underline" rel="noreferrer">{d.version}</a> : d.version}</td>
                <td className="font-mono">{d.commit?.slice(0, 10) ?? '—'}</td><td className={STATUS_COLOUR[d.status] ?? ''}>{d.status.replace('_', ' ')}</td>
                <td className="font-mono">{fmt(d.finishedAt)}</td><td>{d.createdBy}</td><td>{d.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
