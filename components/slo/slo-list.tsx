'use client';

import { useSloList } from '@/lib/queries/slos';
import { SloFailureCard } from './slo-failure-card';
import { SloLoadError } from './slo-load-error';
import { SloSummaryCard } from './slo-summary-card';

/** Every SLO with its state, SLI, budget and burn rate, or its own error; each links to its page. */
export function SloList() {
  const q = useSloList();
  if (q.isPending) return <p role="status" className="text-sm text-[var(--muted)]">Loading SLOs…</p>;
  if (q.isError) return <SloLoadError error={q.error} />;
  if (q.data.items.length === 0) return <p className="text-sm text-[var(--muted)]">No SLOs are defined yet (dashboards/slos/*.json).</p>;
  return (
    <ul aria-label="SLOs" className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
      {q.data.items.map((item) =>
        'error' in item ? (
          <li key={item.sloId}>
            <SloFailureCard failure={item} />
          </li>
        ) : (
          <li key={item.status.sloId}>
            <SloSummaryCard status={item.status} />
          </li>
        ),
      )}
    </ul>
  );
}
