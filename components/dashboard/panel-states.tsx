import type { ResultNotice } from '@/lib/datasources/types';

/** Shown while a panel's first answer is on its way. */
export function PanelLoading() {
  return (
    <div role="status" className="flex h-full items-center justify-center text-xs text-[var(--muted)]">
      <span className="animate-pulse">Loading…</span>
    </div>
  );
}

/** "No data": the query answered but has no samples — deliberately not a flat zero line. */
export function PanelNoData({ what = 'No data' }: { what?: string }) {
  return (
    <div data-testid="no-data" className="flex h-full items-center justify-center rounded border border-dashed border-[var(--border)] text-sm text-[var(--muted)]">
      {what}
    </div>
  );
}

/** The upstream's (or the BFF's) error for this panel only; the rest of the page keeps working. */
export function PanelError({ code, message }: { code: string; message: string }) {
  return (
    <div role="alert" data-testid="panel-error" className="flex h-full flex-col justify-center gap-1 text-xs">
      <p className="font-semibold text-red-600">This panel could not be loaded ({code})</p>
      <p className="break-words text-[var(--muted)]">{message}</p>
    </div>
  );
}

/** For panels whose data needs a higher role (logs, alerts): friendly, and only in this panel. */
export function PanelForbidden({ message }: { message: string }) {
  return (
    <div data-testid="panel-forbidden" className="flex h-full flex-col items-center justify-center gap-1 text-center text-xs text-[var(--muted)]">
      <p className="font-medium text-[var(--text)]">This panel needs the operator role</p>
      <p>{message}</p>
    </div>
  );
}

/** Notices the BFF attached (step raised, entries capped, partial data). */
export function PanelNotices({ notices }: { notices: ResultNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="mt-1 text-[10px] text-amber-700" aria-label="Notices">
      {notices.map((n, i) => (
        <li key={i}>{n.message}</li>
      ))}
    </ul>
  );
}
