'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSloDetail } from '@/lib/queries/slos';
import { BudgetBar } from './budget-bar';
import { BurnDownChart } from './burn-down-chart';
import { BurnRateTable } from './burn-rate-table';
import { ComplianceTable } from './compliance-table';
import { SloHeadline } from './slo-headline';
import { DeploymentImpactTable, IncidentTable } from './slo-history-tables';
import { SloLoadError } from './slo-load-error';
import { describeExhaustion, describeOutageLeft, formatAllowedFailures, formatEvents, formatUtc } from './slo-format';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2 rounded border border-[var(--border)] bg-[var(--panel)] p-3 break-inside-avoid print:border-black">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One SLO's page body: headline, budget and burn-down, burn rates, incidents, deployments, compliance. */
export function SloDetailView({ id }: { id: string }) {
  const q = useSloDetail(id);
  if (q.isPending) return <p role="status" className="text-sm text-[var(--muted)]">Loading SLO…</p>;
  if (q.isError) return <SloLoadError error={q.error} />;
  const { status, links, incidents, deployments, compliance } = q.data;
  const budget = status.budget;
  const month = new Date(status.evaluatedAt).toISOString().slice(0, 7);
  return (
    <div className="flex max-w-5xl flex-col gap-3 print:max-w-none">
      <SloHeadline detail={q.data} />
      <div className="no-print flex flex-wrap gap-2 text-sm">
        <a href={`/api/slos/${encodeURIComponent(id)}/report.csv?month=${month}`} download className="rounded border border-[var(--border)] px-2 py-1 text-[var(--accent)]">
          Download {month} report (CSV)
        </a>
        <button type="button" onClick={() => window.print()} className="rounded border border-[var(--border)] px-2 py-1">
          Print
        </button>
        {links.dashboard && (
          <Link href={`/d/${encodeURIComponent(links.dashboard)}`} className="rounded border border-[var(--border)] px-2 py-1 text-[var(--accent)]">
            Dashboard
          </Link>
        )}
        {links.runbook && (
          <a href={links.runbook} className="rounded border border-[var(--border)] px-2 py-1 text-[var(--accent)]" rel="noreferrer">
            Runbook
          </a>
        )}
      </div>
      <Section title="Error budget">
        <BudgetBar remaining={budget?.remainingFraction ?? null} />
        {budget ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="budget-details">
            <dt className="text-[var(--muted)]">Bad events left</dt>
            <dd className="tabular-nums">
              {formatEvents(Math.max(0, budget.remainingBadEvents))} of {formatEvents(budget.allowedBadEvents)} allowed ({formatEvents(budget.badEvents)} so far)
            </dd>
            <dt className="text-[var(--muted)]">Time left at current traffic</dt>
            <dd>{describeOutageLeft(budget)}</dd>
            <dt className="text-[var(--muted)]">At the current burn rate</dt>
            <dd>{describeExhaustion(budget)}</dd>
          </dl>
        ) : (
          <p className="text-sm text-[var(--muted)]">{status.problem ? `No data: ${status.problem}.` : 'No data: without measured events there is no budget to report.'}</p>
        )}
        <BurnDownChart points={status.burnDown} windowDays={status.windowDays} />
      </Section>
      <Section title="Burn rate">
        <p className="text-xs text-[var(--muted)]">How fast the budget is being spent: 1× spends exactly the whole budget in {status.windowDays} days. An alert fires when both of its windows are above its threshold.</p>
        <BurnRateTable rates={status.burnRates} />
      </Section>
      <Section title="Incidents">
        <IncidentTable incidents={incidents} windowDays={status.windowDays} />
      </Section>
      <Section title="Deployments">
        <DeploymentImpactTable deployments={deployments} service={status.service} windowDays={status.windowDays} />
      </Section>
      <Section title="Monthly compliance">
        <ComplianceTable months={compliance} objective={status.objective} />
      </Section>
      <p className="text-xs text-[var(--muted)]">Evaluated {formatUtc(status.evaluatedAt)}. Budget shares are of the {status.windowDays}-day error budget ({formatAllowedFailures(status.objective)} of events may fail).</p>
    </div>
  );
}
