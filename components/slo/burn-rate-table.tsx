import type { BurnRateStatus } from '@/lib/slo/types';
import { formatBudgetShare, formatBurnRate } from './slo-format';
import { TableHead } from './table-head';

/** Current burn rate per alert window pair against its threshold, and whether that alert's condition holds. */
export function BurnRateTable({ rates }: { rates: BurnRateStatus[] }) {
  return (
    <table className="w-full text-sm" aria-label="Burn rate per alert window">
      <TableHead columns={['Windows (long / short)', 'Burn rate now', 'Alert above', 'Means', 'Alert']} />
      <tbody>
        {rates.map((r) => (
          <tr key={`${r.longWindow}/${r.shortWindow}`} className="border-t border-[var(--border)]">
            <td className="py-1">
              {r.longWindow} / {r.shortWindow}
            </td>
            <td className="py-1 tabular-nums">
              {formatBurnRate(r.longBurnRate)} / {formatBurnRate(r.shortBurnRate)}
            </td>
            <td className="py-1 tabular-nums">{formatBurnRate(r.threshold)}</td>
            <td className="py-1 text-xs text-[var(--muted)]">
              {formatBudgetShare(r.budgetFraction)} of the budget in {r.longWindow} ({r.severity === 'page' ? 'pages on-call' : 'opens a ticket'})
            </td>
            <td className="py-1 font-semibold" data-testid="burn-rate-alert">
              {r.firing ? <span className="text-[var(--bad)]">✗ firing</span> : <span className="text-[var(--ok)]">✓ not firing</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
