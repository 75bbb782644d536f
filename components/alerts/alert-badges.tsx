import type { Alert } from '@/lib/datasources/types';

const STATE_STYLE: Record<Alert['state'], string> = { firing: 'bg-red-600 text-white', pending: 'bg-amber-500 text-black', inactive: 'bg-[var(--panel-2)]' };

/** The alert's Prometheus state and its Alertmanager state (silenced, inhibited, active). */
export function AlertBadges({ alert }: { alert: Alert }) {
  const amState = alert.silenced ? 'silenced' : alert.inhibited ? 'inhibited' : alert.state === 'firing' ? 'active' : null;
  return (
    <span className="flex items-center gap-1.5">
      <span data-testid="alert-state" className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${STATE_STYLE[alert.state]}`}>{alert.state}</span>
      {amState && (
        <span
          data-testid="alertmanager-state"
          title={[...alert.silencedBy.map((s) => `silence ${s}`), ...alert.inhibitedBy.map((s) => `inhibited by ${s}`)].join(', ') || 'Alertmanager is notifying for this alert'}
          className="rounded border border-[var(--border)] px-1.5 py-0.5 text-[10px] uppercase text-[var(--muted)]"
        >
          {amState}
        </span>
      )}
    </span>
  );
}
