import type { SloState } from '@/lib/slo/types';

const STATES: Record<SloState, { text: string; symbol: string; className: string }> = {
  meeting: { text: 'Meeting objective', symbol: '✓', className: 'border-[var(--ok)] text-[var(--ok)]' },
  at_risk: { text: 'At risk', symbol: '!', className: 'border-[var(--warn)] text-[var(--warn)]' },
  breached: { text: 'Objective missed', symbol: '✗', className: 'border-[var(--bad)] text-[var(--bad)]' },
  no_data: { text: 'No data', symbol: '?', className: 'border-dashed border-[var(--muted)] text-[var(--muted)]' },
};

/** The state in words with a symbol and a colour, so it reads without colour too (and in print). */
export function SloStateBadge({ state }: { state: SloState }) {
  const s = STATES[state];
  return (
    <span data-testid="slo-state" data-state={state} className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${s.className}`}>
      <span aria-hidden="true">{s.symbol}</span>
      {s.text}
    </span>
  );
}
