'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { Deployment } from '@/lib/datasources/types';
import { formatTimestamp } from '@/components/charts/format';
import { fetchJson } from '@/lib/queries/fetch-json';
import { queryKeys } from '@/lib/queries/keys';


const fmt = (ms: number | null) => (ms === null ? '—' : formatTimestamp(ms, 'UTC'));
const STATUS_COLOUR: Record<string, string> = { succeeded: 'text-[var(--ok)]', failed: 'text-[var(--bad)]', rolled_back: 'text-[var(--warn)]', started: 'text-[var(--muted)]' };

/** Deployments in the page's time range, filterable by service and environment (kept in the URL). */
export function DeploymentList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const from = params.get('from') ?? 'now-7d';
  const to = params.get('to') ?? 'now';
  const service = params.get('service') ?? '';
  const environment = params.get('environment') ?? '';
  const qs = new URLSearchParams({ from, to, ...(service ? { service } : {}), ...(environment ? { environment } : {}) });
  const q = useQuery({ queryKey: queryKeys.deployments(qs.toString()), queryFn: () => fetchJson<{ deployments: Deployment[] }>(`/api/deployments?${qs}`) });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.push(`${pathname}?${next}`);
  };

  return (
    <div className="flex flex-col gap-3">
      <form className="flex gap-2 text-xs" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col">Service<input defaultValue={service} onBlur={(e) => setFilter('service', e.target.value.trim())} className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1" /></label>
        <label className="flex flex-col">Environment<input defaultValue={environment} onBlur={(e) => setFilter('environment', e.target.value.trim())} className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1" /></label>
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
