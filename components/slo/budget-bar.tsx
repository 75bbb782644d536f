import { formatBudgetLeft, formatBudgetShare } from './slo-format';

/** Error budget left as a bar with its figure in words; a spent budget (none left, or over) shows an empty red bar. */
export function BudgetBar({ remaining }: { remaining: number | null }) {
  if (remaining === null) {
    return (
      <div data-testid="budget-remaining" className="text-xs text-[var(--muted)]">
        Budget left: no data
      </div>
    );
  }
  const width = Math.max(0, Math.min(1, remaining)) * 100;
  const colour = remaining <= 0 ? 'bg-[var(--bad)]' : remaining < 0.25 ? 'bg-[var(--warn)]' : 'bg-[var(--ok)]';
  // Negative only when the objective is missed; exactly 0 is met with nothing left (lib/slo/math.ts).
  const label = remaining < 0 ? `Budget spent (${formatBudgetShare(-remaining)} over)` : remaining === 0 ? 'Budget spent (none left)' : `${formatBudgetLeft(remaining)} of budget left`;
  return (
    <div className="flex flex-col gap-0.5" data-testid="budget-remaining">
      <div
        role="meter"
        aria-label="Error budget left"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded border border-[var(--border)] bg-[var(--panel-2)] print:border-black"
      >
        <div className={`h-full ${colour}`} style={{ width: `${width}%` }} />
      </div>
      <span className="text-xs tabular-nums">{label}</span>
    </div>
  );
}
