import type { AlertsData } from '@/lib/panels/types';
import { formatTimestamp } from './format';
import { webLink } from '@/lib/text/web-link';

const STATE_STYLE: Record<string, string> = { firing: 'bg-red-600 text-white', pending: 'bg-amber-500 text-black', inactive: 'bg-[var(--panel-2)]' };

/** Alerts with their state, since when, severity, summary and silence status. */
export function AlertList({ data, timeZone }: { data: AlertsData; timeZone: string }) {
  return (
    <ul className="flex flex-col gap-1 text-xs" aria-label="Alerts">
      {data.alerts.map((a) => (
        <li key={a.id} className="flex flex-col gap-0.5 border-b border-[var(--border)] pb-1 last:border-0">
          <div className="flex items-center gap-2">
            <span className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${STATE_STYLE[a.state] ?? ''}`}>{a.state}</span>
            <span className="font-medium">{a.name}</span>
            {a.labels.severity && <span className="text-[var(--muted)]">{a.labels.severity}</span>}
            {a.silenced && <span className="text-[var(--muted)]">silenced</span>}
            {a.inhibited && <span className="text-[var(--muted)]">inhibited</span>}
          </div>
          {a.annotations.summary && <p className="text-[var(--muted)]">{a.annotations.summary}</p>}
          <p className="text-[var(--muted)]">
            {a.activeAt !== null ? `since ${formatTimestamp(a.activeAt, timeZone)}` : ''}
            {webLink(a.annotations.runbook_url) && (
              <a href={webLink(a.annotations.runbook_url) ?? undefined} className="ml-2 text-[var(--accent)] underline" rel="noreferrer">runbook</a>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
