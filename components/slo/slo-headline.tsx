import type { SloDetail } from '@/lib/slo/bff-types';
import { formatSliFor } from './slo-format';
import { SloStateBadge } from './slo-state-badge';

/** The page's headline: the SLO's name, state and plain-words sentence, and SLI against objective. */
export function SloHeadline({ detail }: { detail: SloDetail }) {
  const { status } = detail;
  return (
    <header className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-semibold">{status.name}</h1>
        <SloStateBadge state={status.state} />
      </div>
      <p className="text-base" data-testid="slo-sentence">
        {status.sentence}
      </p>
      <p className="text-sm text-[var(--muted)]">
        {status.journey} Owner: {detail.owner}. Service: {status.service}.
      </p>
      <p className="text-2xl font-semibold tabular-nums" data-testid="slo-sli">
        {status.sli === null ? 'No data' : formatSliFor(status.sli, status.objective)}
        <span className="ml-2 text-sm font-normal text-[var(--muted)]">
          of {status.goodEvents ?? 'events good'}; objective {status.objective}% over {status.windowDays} days
        </span>
      </p>
    </header>
  );
}
