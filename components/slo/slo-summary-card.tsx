import Link from 'next/link';
import type { SloStatus } from '@/lib/slo/types';
import { BudgetBar } from './budget-bar';
import { formatBurnRate, formatSliFor } from './slo-format';
import { SloStateBadge } from './slo-state-badge';

/**
 * An SLO at a glance for stakeholders: name (linking to its page), the journey in plain words,
 * state, current SLI against the objective, budget left and the current burn rate.
 * Takes the status JSON of `/api/slos` or `/api/slos/{id}` (`SloStatus`). As a dashboard panel
 * (`inPanel`) it drops its own frame, keeps the journey to two lines (the whole of it on hover) and
 * leaves out what 1× burn means, so that it fits the panel's height.
 */
export function SloSummaryCard({ status, headingLevel = 2, inPanel = false }: { status: SloStatus; headingLevel?: 2 | 3; inPanel?: boolean }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article aria-label={status.name} data-testid="slo-summary" className={`flex flex-col gap-2 ${inPanel ? 'p-1' : 'rounded border border-[var(--border)] bg-[var(--panel)] p-3'}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading className="font-semibold">
          <Link href={`/slos/${encodeURIComponent(status.sloId)}`} className="text-[var(--accent)] underline">
            {status.name}
          </Link>
        </Heading>
        <SloStateBadge state={status.state} />
      </div>
      <p className={`text-xs text-[var(--muted)] ${inPanel ? 'line-clamp-2' : ''}`} title={inPanel ? status.journey : undefined}>
        {status.journey}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-[var(--muted)]">Now</dt>
        <dd className="tabular-nums" data-testid="slo-sli">
          {status.sli === null ? 'no data' : formatSliFor(status.sli, status.objective)} <span className="text-[var(--muted)]">(objective {status.objective}% over {status.windowDays} days)</span>
        </dd>
        <dt className="text-[var(--muted)]">Burn rate</dt>
        <dd className="tabular-nums" data-testid="slo-burn-rate">
          {formatBurnRate(status.currentBurnRate)}
          {status.currentBurnRate !== null && !inPanel && <span className="text-[var(--muted)]"> (1× spends the budget in exactly {status.windowDays} days)</span>}
        </dd>
      </dl>
      <BudgetBar remaining={status.budget?.remainingFraction ?? null} />
    </article>
  );
}
