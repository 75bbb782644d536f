import { toAlertmanagerBadge } from '@/lib/alerts/alertmanager-state';
import type { MergedAlert } from '@/lib/alerts/types';

const STATE_STYLE: Record<MergedAlert['state'], string> = { firing: 'bg-red-600 text-white', pending: 'bg-amber-500 text-black', inactive: 'bg-[var(--panel-2)]' };

/** The alert's Prometheus state and its Alertmanager state (silenced, inhibited, active, or missing there). */
export function AlertBadges({ alert }: { alert: MergedAlert }) {
  const am = toAlertmanagerBadge(alert);
  return (
    <span className="flex items-center gap-1.5">
      <span data-testid="alert-state" className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${STATE_STYLE[alert.state]}`}>{alert.state}</span>
      {am && (
        <span data-testid="alertmanager-state" title={am.title} className="rounded border border-[var(--border)] px-1.5 py-0.5 text-[10px] uppercase text-[var(--muted)]">
          {am.label}
        </span>
      )}
    </span>
  );
}
