import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Panel } from '@/lib/dashboards/schema';

export type PanelState = 'loading' | 'ready' | 'no-data' | 'empty' | 'error' | 'forbidden';

/**
 * The chrome around every panel: title, description tooltip, runbook, related dashboards and the
 * escalation contact; `title` is the panel's with the selected variable values filled in. `state` is exposed as data-state so tests and styles can see it.
 */
export function PanelFrame({ panel, title, state, escalation, titles, updating, children }: { panel: Panel; title: string; state: PanelState; escalation: string; titles: Record<string, string>; updating: boolean; children: ReactNode }) {
  const headingId = `panel-${panel.id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="panel"
      data-panel-id={panel.id}
      data-panel-type={panel.type}
      data-state={state}
      className="flex min-w-0 flex-col rounded border border-[var(--border)] bg-[var(--panel)]"
      style={{ gridColumn: `span ${panel.width} / span ${panel.width}` }}
    >
      <header className="flex items-center gap-2 border-b border-[var(--border)] px-2 py-1 text-xs">
        <h3 id={headingId} className="min-w-0 truncate font-semibold">{title}</h3>
        {panel.description && (
          <span className="group relative">
            <button type="button" aria-label={`About ${title}`} className="rounded-full border border-[var(--border)] px-1.5 text-[10px] text-[var(--muted)]">i</button>
            <span role="tooltip" className="invisible absolute left-0 top-5 z-30 w-72 rounded border border-[var(--border)] bg-[var(--panel)] p-2 font-normal shadow-lg group-focus-within:visible group-hover:visible">
              {panel.description}
            </span>
          </span>
        )}
        {updating && <span className="text-[var(--muted)]" aria-live="polite">updating…</span>}
        <span className="ml-auto flex shrink-0 items-center gap-2">
          {panel.runbook && (
            <a href={panel.runbook} className="text-[var(--accent)] underline" rel="noreferrer">Runbook</a>
          )}
          <details className="relative">
            <summary className="cursor-pointer list-none text-[var(--muted)]" aria-label={`More about ${title}`}>⋯</summary>
            <div className="absolute right-0 top-5 z-30 w-64 rounded border border-[var(--border)] bg-[var(--panel)] p-2 shadow-lg">
              <p>
                <span className="text-[var(--muted)]">Escalation: </span>
                {panel.escalation ?? escalation}
              </p>
              {panel.relatedDashboards.length > 0 && (
                <ul className="mt-1">
                  {panel.relatedDashboards.map((slug) => (
                    <li key={slug}>
                      <Link href={`/d/${slug}`} className="text-[var(--accent)] underline">{titles[slug] ?? slug}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </details>
        </span>
      </header>
      <div className="relative min-h-0 flex-1 p-2">{children}</div>
    </section>
  );
}
