'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import type { Dashboard } from '@/lib/dashboards/schema';
import { DashboardPanel } from './dashboard-panel';
import { useDashboardParams } from './use-dashboard-params';
import { useVariableSelections, VariablesBar, withSelections } from './variables-bar';

/**
 * A dashboard: header (purpose, owners, escalation, related dashboards), the variables bar, and
 * rows of panels in order, their titles showing the selected variable values. Every panel shares
 * one range, step and timezone, all from the URL (a valid `?tz=` shows the whole page in another
 * zone than the dashboard's own).
 */
export function DashboardView({ dashboard, titles }: { dashboard: Dashboard; titles: Record<string, string> }) {
  const { params, timeZone: tz, update } = useDashboardParams(dashboard.time);
  const selections = useVariableSelections(dashboard.slug, dashboard.variables, params);
  const onZoom = useCallback((from: number, to: number) => update({ from: String(Math.round(from)), to: String(Math.round(to)) }), [update]);

  return (
    <div className="flex flex-col gap-3" data-testid="dashboard" data-timezone={tz}>
      <header className="flex flex-col gap-1">
        <div className="flex flex-wrap items-baseline gap-2">
          <h1 className="text-lg font-semibold">{dashboard.title}</h1>
          <span className="rounded bg-[var(--panel-2)] px-1.5 text-xs text-[var(--muted)]">{dashboard.kind}</span>
          <span className="text-xs text-[var(--muted)]" title="Every chart on this dashboard shows times in this timezone">times in {tz}</span>
        </div>
        <p className="text-sm">{dashboard.purpose}</p>
        <p className="text-xs text-[var(--muted)]">
          Owners: {dashboard.owners.join(', ')} · Escalation: {dashboard.escalation}
        </p>
        {dashboard.links.length > 0 && (
          <nav aria-label="Related dashboards" className="flex flex-wrap gap-2 text-xs">
            <span className="text-[var(--muted)]">Related:</span>
            {dashboard.links.map((slug) => (
              <Link key={slug} href={`/d/${slug}`} className="text-[var(--accent)] underline">{titles[slug] ?? slug}</Link>
            ))}
          </nav>
        )}
      </header>
      <VariablesBar selections={selections} onChange={(changes) => update(Object.fromEntries(Object.entries(changes).map(([name, values]) => [`var-${name}`, values])))} />
      {dashboard.rows.map((row) => (
        <details key={row.title} open={!row.collapsed} className="flex flex-col gap-2">
          <summary className="cursor-pointer text-sm font-semibold">{withSelections(row.title, selections)}</summary>
          <div className="mt-2 grid grid-cols-12 gap-2">
            {row.panels.map((panel) => (
              <DashboardPanel key={panel.id} slug={dashboard.slug} panel={panel} title={withSelections(panel.title, selections)} params={params} timeZone={tz} escalation={dashboard.escalation} titles={titles} onZoom={onZoom} />
            ))}
          </div>
        </details>
      ))}
    </div>
  );
}
