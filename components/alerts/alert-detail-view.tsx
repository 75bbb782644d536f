'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { describeDeployment } from '@/components/charts/deployment-marker';
import { formatTimestamp, formatValue } from '@/components/charts/format';
import { toAlertBackParams } from '@/lib/alerts/alert-link';
import { describeCandidateSpan } from '@/lib/alerts/candidate-search';
import { readContext, withContext } from '@/lib/alerts/context-params';
import type { AlertDetail, AlertExemplar } from '@/lib/alerts/types';
import { useAlertDetail } from '@/lib/queries/alerts';
import { AlertBadges } from './alert-badges';
import { AlertChart } from './alert-chart';
import { TraceCandidates } from './trace-candidates';
import { plural } from '@/lib/text/plural';
import { webLink } from '@/lib/text/web-link';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/**
 * One alert's drill-down: summary and runbook, its expression charted around its start with the
 * threshold, deployments and exemplars, and candidate traces from Jaeger. Every link carries the
 * page's from/to/service/environment and the alert's id and labels, so the trace page can lead back
 * here even after the alert resolved.
 */
export function AlertDetailView({ id }: { id: string }) {
  const params = useSearchParams();
  const search = params.toString();
  const ctx = useMemo(() => readContext((k) => new URLSearchParams(search).get(k)), [search]);
  const { data, error, isPending } = useAlertDetail(id, { alertname: params.get('alertname') ?? undefined, labels: params.getAll('label'), environment: ctx.environment });
  const service = data?.service ?? undefined;
  const timeZone = usePreferredZone();
  const backParams = useMemo(() => (data ? toAlertBackParams(data.alert) : { alert: id }), [data, id]);
  const traceHref = useCallback((traceId: string) => withContext(`/traces/${traceId}`, { ...ctx, service: service ?? ctx.service }, backParams), [ctx, service, backParams]);
  const exemplarHref = useCallback((e: AlertExemplar) => traceHref(e.traceId ?? ''), [traceHref]);

  if (isPending) return <p className="text-[var(--muted)]">Loading alert…</p>;
  if (error || !data) return <p role="alert" className="text-[var(--bad)]">This alert could not be loaded: {error?.message ?? 'no data'}</p>;
  const { alert, rule, threshold } = data;
  const runbook = webLink(alert.annotations.runbook_url);
  const sloLink = webLink(alert.annotations.slo_url);
  const found = data.candidates.search;
  const slower = found.minDurationSeconds !== null ? ` slower than ${formatValue(found.minDurationSeconds, 'seconds')}` : '';
  const badExemplars = data.exemplars.filter((e) => e.bad).length;
  const noExemplars = data.exemplars.length === 0;

  return (
    <div className="flex flex-col gap-3" data-testid="alert-detail">
      <Link href={withContext('/alerts', ctx)} className="text-xs text-[var(--accent)] underline">← All alerts</Link>
      <header className="flex flex-col gap-1">
        <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {alert.name} <AlertBadges alert={alert} />
        </h1>
        <p className="text-xs text-[var(--muted)]">
          {data.service && <>service {data.service} · </>}
          {alert.labels.severity && <>severity {alert.labels.severity} · </>}
          {describeActivity(data, timeZone)}
          {alert.value !== null && <> · value {formatValue(alert.value, data.unit)}</>}
        </p>
        {alert.annotations.summary && <p className="text-sm" data-testid="alert-summary">{alert.annotations.summary}</p>}
        {alert.annotations.description && <p className="text-sm text-[var(--muted)]">{alert.annotations.description}</p>}
        <p className="flex gap-3 text-xs">
          {runbook && <a href={runbook} className="text-[var(--accent)] underline" rel="noreferrer">Runbook</a>}
          {!runbook && alert.annotations.runbook_url && <span className="text-[var(--muted)]">Runbook (not a web link): {alert.annotations.runbook_url}</span>}
          {sloLink && sloLink !== runbook && <a href={sloLink} className="text-[var(--accent)] underline" rel="noreferrer">SLO</a>}
        </p>
      </header>
      {data.notices.map((n) => (
        <p key={n.message} role="status" className="text-xs text-amber-600">{n.message}</p>
      ))}
      <section aria-label="Alert expression" className="rounded border border-[var(--border)] bg-[var(--panel)] p-2">
        <h2 className="text-sm font-semibold">Expression around the alert</h2>
        {rule && <pre className="my-1 overflow-x-auto whitespace-pre-wrap text-[11px] text-[var(--muted)]">{rule.expr}</pre>}
        <p className="text-xs text-[var(--muted)]" data-testid="threshold">
          {threshold ? `Threshold ${formatValue(threshold.value, data.unit)} (from ${threshold.source})` : 'No numeric threshold in this rule.'}
          {' · '}
          {plural(data.exemplars.length, 'exemplar')} ({badExemplars} bad) · {plural(data.deployments.length, 'deployment')} of {data.service ?? 'the service'}
        </p>
        {data.series.length === 0 ? <p className="py-8 text-center text-sm text-[var(--muted)]">No data for this expression in the window.</p> : <AlertChart detail={data} unit={data.unit} hrefOf={exemplarHref} />}
        {noExemplars && <p className="text-xs text-[var(--muted)]">No exemplars in this window{data.exemplarQuery ? ` for ${data.exemplarQuery}` : ''}; they may have expired from the exemplar storage of Prometheus. Use the candidate traces below.</p>}
      </section>
      {data.deployments.length > 0 && (
        <section aria-label="Deployments in the window" className="text-xs">
          <h2 className="text-sm font-semibold">Deployments in the window</h2>
          <ul>
            {data.deployments.map((d) => (
              <li key={d.id} data-testid="deployment-item">{formatTimestamp(d.startedAt, timeZone)} · {describeDeployment(d)} · {d.status.replace('_', ' ')}</li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-xs text-[var(--muted)]" data-testid="candidate-search">
        Candidate traces{slower}{found.environment ? ` in environment ${found.environment}` : ''} from {formatTimestamp(found.start, timeZone).slice(0, 19)} to {formatTimestamp(found.end, timeZone).slice(11)},{' '}
        {describeCandidateSpan(alert.activeAt !== null)}
      </p>
      <div className={`grid gap-3 md:grid-cols-2 ${noExemplars ? '' : 'opacity-90'}`}>
        <TraceCandidates title="Slowest traces" traces={data.candidates.slowest} hrefOf={traceHref} empty={`No traces of ${data.service ?? 'the service'}${slower} in the window.`} />
        <TraceCandidates title="Traces with errors" traces={data.candidates.errored} hrefOf={traceHref} empty="No errored traces in the window." />
      </div>
    </div>
  );
}

/** Since when the alert is active; for one that resolved, when it was last active. */
function describeActivity({ alert, resolvedAt }: Pick<AlertDetail, 'alert' | 'resolvedAt'>, timeZone: string): string {
  if (alert.activeAt === null) return 'not active now';
  if (alert.state !== 'inactive') return `active since ${formatTimestamp(alert.activeAt, timeZone)}`;
  return `last active from ${formatTimestamp(alert.activeAt, timeZone)}${resolvedAt !== null ? ` to about ${formatTimestamp(resolvedAt, timeZone)}` : ''} · not active now`;
}
