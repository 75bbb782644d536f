'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { KeptParams } from '@/components/ui/kept-params';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { toAlertHref } from '@/lib/alerts/alert-link';
import { readContext } from '@/lib/alerts/context-params';
import type { AlertServiceGroup } from '@/lib/alerts/types';
import { useAlerts } from '@/lib/queries/alerts';
import { AlertBadges } from './alert-badges';
import { plural } from '@/lib/text/plural';
import { ShownTime } from '@/components/ui/shown-time';

/**
 * The alerts page: firing and pending alerts grouped by service and severity. Filters live in the
 * URL (?service&environment, plus the header's from/to), and every alert link carries them, so Back
 * returns to exactly this view; alert links also carry the alert's labels, so they still open once it resolved.
 */
export function AlertListView() {
  const params = useSearchParams();
  const ctx = readContext((k) => params.get(k));
  const { data, error, isPending, isFetching } = useAlerts({ service: ctx.service, environment: ctx.environment });

  const push = useUrlUpdate();
  const setFilter = (key: 'service' | 'environment', value: string) => push({ [key]: value });

  return (
    <div className="flex flex-col gap-3" data-testid="alert-list" data-state={isPending ? 'loading' : error ? 'error' : 'ready'}>
      <div role="group" aria-label="Filters" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-0.5 text-xs text-[var(--muted)]">
          Service
          <select value={ctx.service ?? ''} onChange={(e) => setFilter('service', e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5 text-[var(--text)]">
            <option value="">All services</option>
            {[...new Set([...(data?.services ?? []), ...(ctx.service ? [ctx.service] : [])])].map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
        <form
          method="get"
          className="flex flex-col gap-0.5 text-xs text-[var(--muted)]"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter('environment', String(new FormData(e.currentTarget).get('environment') ?? '').trim());
          }}
        >
          <label htmlFor="alerts-environment">Environment</label>
          <input id="alerts-environment" name="environment" key={ctx.environment ?? ''} defaultValue={ctx.environment ?? ''} placeholder="any" className="w-32 rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5 text-[var(--text)]" />
          {/* Sent before the page is interactive, the form is a GET of this page: it keeps the other filters. */}
          <KeptParams params={params} except={['environment']} />
        </form>
        <span className="text-xs text-[var(--muted)]" aria-live="polite">
          {isFetching ? 'Refreshing…' : data ? plural(data.total, 'alert') : ''}
        </span>
      </div>
      {data?.notices.map((n) => (
        <p key={n.message} role="status" className="text-xs text-amber-600">{n.message}</p>
      ))}
      {isPending && <p className="text-[var(--muted)]">Loading alerts…</p>}
      {error && <p role="alert" className="text-[var(--bad)]">Alerts could not be loaded: {error.message}</p>}
      {data && data.groups.length === 0 && <p className="text-[var(--muted)]">No alerts are firing or pending{ctx.service ? ` for ${ctx.service}` : ''}.</p>}
      {data?.groups.map((g) => <ServiceGroup key={g.service} group={g} ctx={ctx} />)}
    </div>
  );
}

function ServiceGroup({ group, ctx }: { group: AlertServiceGroup; ctx: ReturnType<typeof readContext> }) {
  return (
    <section aria-label={`Alerts of ${group.service}`} className="rounded border border-[var(--border)] bg-[var(--panel)]">
      <h2 className="flex items-baseline gap-2 border-b border-[var(--border)] px-3 py-1.5 text-sm font-semibold">
        {group.service}
        <span className="text-xs font-normal text-[var(--muted)]">{group.firing} firing, {group.pending} pending</span>
      </h2>
      {group.severities.map((sev) => (
        <div key={sev.severity} className="px-3 py-1.5">
          <h3 className="text-xs uppercase tracking-wide text-[var(--muted)]">{sev.severity}</h3>
          <ul className="flex flex-col">
            {sev.alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 border-b border-[var(--border)] py-1 text-sm last:border-0" data-testid="alert-row">
                <AlertBadges alert={a} />
                <Link href={toAlertHref(a, ctx)} className="font-medium text-[var(--accent)] underline-offset-2 hover:underline">
                  {a.name}
                </Link>
                {a.activeAt !== null && <span className="text-xs text-[var(--muted)]">since <ShownTime t={a.activeAt} /></span>}
                {a.annotations.summary && <p className="w-full text-xs text-[var(--muted)]">{a.annotations.summary}</p>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
