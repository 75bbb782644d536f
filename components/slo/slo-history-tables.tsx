import type { SloDeploymentImpact, SloIncident } from '@/lib/slo/bff-types';
import { formatBudgetShare, formatSpan, formatUtc } from './slo-format';
import { TableHead } from './table-head';

/** Alert periods over the window with the budget each spent. */
export function IncidentTable({ incidents, windowDays }: { incidents: SloIncident[]; windowDays: number }) {
  if (incidents.length === 0) return <p className="text-sm text-[var(--muted)]">No burn-rate alert fired in the last {windowDays} days.</p>;
  return (
    <table className="w-full text-sm" aria-label="Incidents">
      <TableHead columns={['Started', 'Lasted', 'Alerts', 'Budget spent']} />
      <tbody>
        {incidents.map((i) => (
          <tr key={i.startMs} className="border-t border-[var(--border)]" data-testid="incident-row">
            <td className="py-1 tabular-nums">{formatUtc(i.startMs)}</td>
            <td className="py-1">{i.ongoing ? `${formatSpan(i.endMs - i.startMs)} so far (still firing)` : formatSpan(i.endMs - i.startMs)}</td>
            <td className="py-1">
              {i.severity === 'page' ? 'Page' : 'Ticket'}: burn rate over {i.windows.join(', ')}
            </td>
            <td className="py-1 tabular-nums">{formatBudgetShare(i.budgetSpent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Deployments of the SLO's service over the window with the budget spent in the hour after each. */
export function DeploymentImpactTable({ deployments, service, windowDays }: { deployments: SloDeploymentImpact[]; service: string; windowDays: number }) {
  if (deployments.length === 0) return <p className="text-sm text-[var(--muted)]">No deployments of {service} were recorded in the last {windowDays} days.</p>;
  return (
    <table className="w-full text-sm" aria-label="Deployments">
      <TableHead columns={['Deployed', 'Version', 'What', 'Budget spent after it']} />
      <tbody>
        {deployments.map((d) => (
          <tr key={d.id} className="border-t border-[var(--border)]" data-testid="deployment-row">
            <td className="py-1 tabular-nums">{formatUtc(d.startedAtMs)}</td>
            <td className="py-1">
              {d.version} <span className="text-xs text-[var(--muted)]">({d.status.replace('_', ' ')})</span>
            </td>
            <td className="py-1">{d.description ?? '—'}</td>
            <td className="py-1 tabular-nums">
              {formatBudgetShare(d.budgetSpent)} <span className="text-xs text-[var(--muted)]">in the {formatSpan(d.impactMs)} after</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
