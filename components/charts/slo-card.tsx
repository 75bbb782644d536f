import Link from 'next/link';
import type { SloData } from '@/lib/panels/types';
import { formatValue } from './format';

const STATUS: Record<SloData['status'], { text: string; className: string }> = {
  meeting: { text: 'Meeting objective', className: 'bg-green-600 text-white' },
  'at-risk': { text: 'At risk', className: 'bg-amber-500 text-black' },
  breached: { text: 'Objective missed', className: 'bg-red-600 text-white' },
  'no-data': { text: 'No data', className: 'bg-[var(--panel-2)] text-[var(--muted)]' },
};

/** An SLO at a glance, in plain words: status, SLI against the objective, budget left and burn rate. */
export function SloCard({ data }: { data: SloData }) {
  const s = STATUS[data.status];
  return (
    <div className="flex flex-col gap-1 text-xs">
      <div className="flex items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 font-semibold ${s.className}`} data-testid="slo-status">{s.text}</span>
        <Link href={`/slos/${data.slo.id}`} className="truncate text-[var(--accent)] underline">{data.slo.name}</Link>
      </div>
      <p className="text-2xl font-semibold tabular-nums">{data.sli === null ? <span className="text-[var(--muted)]">No data</span> : formatValue(data.sli, 'ratio', 3)}</p>
      <p className="text-[var(--muted)]">objective {data.slo.objective}% over {data.slo.windowDays} days</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        <dt className="text-[var(--muted)]">Budget left</dt>
        <dd className="tabular-nums">{formatValue(data.budgetRemaining, 'ratio', 1)}</dd>
        <dt className="text-[var(--muted)]">Burn rate (1h)</dt>
        <dd className="tabular-nums">{data.burnRate1h === null ? '—' : `${formatValue(data.burnRate1h, 'none', 2)}×`}</dd>
      </dl>
    </div>
  );
}
