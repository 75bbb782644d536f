import type { SloMonth } from '@/lib/slo/bff-types';
import { formatBudgetShare, formatEvents, formatSliFor } from './slo-format';
import { TableHead } from './table-head';

const VERDICT: Record<SloMonth['verdict'], string> = { met: '✓ Met', missed: '✗ Missed', partial_data: 'Partial data', no_data: 'No data' };

/** "Partial data (71% covered)": never rounded up to a whole month. */
const describeVerdict = (m: SloMonth): string => (m.verdict === 'partial_data' ? `${VERDICT.partial_data} (${Math.floor(m.coverage * 100)}% covered)` : VERDICT[m.verdict]);

/**
 * Compliance per calendar month (UTC), newest first; months without traffic read "No data", never
 * 100%, and months the data covers only partly are not judged met or missed.
 */
export function ComplianceTable({ months, objective }: { months: SloMonth[]; objective: number }) {
  return (
    <table className="w-full text-sm" aria-label="Monthly compliance">
      <TableHead columns={['Month (UTC)', 'Achieved', 'Objective', 'Events', "Month's budget spent", 'Result']} />
      <tbody>
        {months.map((m) => (
          <tr key={m.month} className="border-t border-[var(--border)]" data-testid="compliance-row">
            <td className="py-1 tabular-nums">
              {m.month}
              {m.partial && <span className="text-xs text-[var(--muted)]"> (so far)</span>}
            </td>
            <td className="py-1 tabular-nums">{m.sli === null ? 'no data' : formatSliFor(m.sli, objective, 3)}</td>
            <td className="py-1 tabular-nums">{objective}%</td>
            <td className="py-1 tabular-nums">{formatEvents(m.validCount)}</td>
            <td className="py-1 tabular-nums">{formatBudgetShare(m.budgetSpent)}</td>
            <td className={`py-1 font-semibold ${m.verdict === 'missed' ? 'text-[var(--bad)]' : m.verdict === 'met' ? 'text-[var(--ok)]' : 'text-[var(--muted)]'}`}>{describeVerdict(m)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
