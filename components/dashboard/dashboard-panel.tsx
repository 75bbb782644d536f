'use client';

import dynamic from 'next/dynamic';
import { useCallback } from 'react';
import { AlertList } from '@/components/charts/alert-list';
import { axisUnits } from '@/components/charts/axis-units';
import { DataTable } from '@/components/charts/data-table';
import { DependencyTable } from '@/components/charts/dependency-table';
import { LogsList } from '@/components/charts/logs-list';
import { MarkdownView } from '@/components/charts/markdown-view';
import { SloSummaryCard } from '@/components/slo/slo-summary-card';
import { StatView } from '@/components/charts/stat-view';
import { withContext } from '@/lib/alerts/context-params';
import type { Panel } from '@/lib/dashboards/schema';
import type { PanelData, PanelExemplar } from '@/lib/panels/types';
import { BffError } from '@/lib/queries/fetch-json';
import { usePanelData, type DashboardParams } from '@/lib/queries/dashboards';
import { PanelFrame, type PanelState } from './panel-frame';
import { PanelError, PanelForbidden, PanelLoading, PanelNoData, PanelNotices } from './panel-states';

// recharts is the heaviest dependency: load it only when a time series panel is on screen.
const TimeSeriesChart = dynamic(() => import('@/components/charts/time-series-chart').then((m) => m.TimeSeriesChart), { ssr: false, loading: () => <PanelLoading /> });

export interface DashboardPanelProps {
  slug: string;
  panel: Panel;
  /** The panel's title with the selected variable values filled in. */
  title: string;
  params: DashboardParams;
  timeZone: string;
  escalation: string;
  titles: Record<string, string>;
  onZoom: (from: number, to: number) => void;
}

/** Whether resolved data has anything to draw; "no data" differs from zero and from an empty list. */
export function classifyData(data: PanelData): PanelState {
  switch (data.type) {
    case 'timeseries':
      return data.series.some((s) => s.samples.some((p) => p.value !== null)) ? 'ready' : 'no-data';
    case 'stat':
      return data.value === null ? 'no-data' : 'ready';
    case 'table':
      return data.rows.length ? 'ready' : 'no-data';
    case 'logs':
    case 'alerts':
      return (data.type === 'logs' ? data.entries.length : data.alerts.length) ? 'ready' : 'empty';
    case 'dependencies':
      return data.edges.length ? 'ready' : 'no-data';
    case 'slo':
      return data.status.state === 'no_data' ? 'no-data' : 'ready';
    case 'markdown':
      return 'ready';
  }
}

interface PanelBodyProps {
  panel: Panel;
  data: PanelData;
  timeZone: string;
  onZoom: DashboardPanelProps['onZoom'];
  traceHref: (e: PanelExemplar) => string;
}

function PanelBody({ panel, data, timeZone, onZoom, traceHref }: PanelBodyProps) {
  if (data.type === 'timeseries' && panel.type === 'timeseries') {
    const hasData = classifyData(data) === 'ready';
    return (
      <div className="relative h-full">
        <TimeSeriesChart data={data} style={panel.style} unit={panel.unit} units={axisUnits(panel.queries, panel.unit)} legend={panel.legend} yMin={panel.yMin} yMax={panel.yMax} timeZone={timeZone} onZoom={onZoom} traceHref={traceHref} />
        {!hasData && <div className="pointer-events-none absolute inset-0 flex items-center justify-center"><span data-testid="no-data" className="rounded bg-[var(--panel)] px-2 py-1 text-sm text-[var(--muted)]">No data</span></div>}
      </div>
    );
  }
  if (data.type === 'stat' && panel.type === 'stat') return <StatView data={data} unit={panel.unit} decimals={panel.decimals} sparkline={panel.sparkline} />;
  if (data.type === 'slo') return <SloSummaryCard status={data.status} headingLevel={3} inPanel />;
  if (data.type === 'alerts') return data.alerts.length ? <AlertList data={data} timeZone={timeZone} /> : <PanelNoData what="No alerts firing or pending" />;
  if (data.type === 'logs') return data.entries.length ? <LogsList data={data} timeZone={timeZone} /> : <PanelNoData what="No log lines in this range" />;
  if (data.type === 'table') return data.rows.length ? <DataTable data={data} /> : <PanelNoData />;
  if (data.type === 'dependencies') return <DependencyTable data={data} />;
  if (data.type === 'markdown') return <MarkdownView content={data.content} />;
  return <PanelError code="MISMATCH" message={`the server answered ${data.type} data for a ${panel.type} panel`} />;
}

const HEIGHT: Partial<Record<Panel['type'], string>> = { stat: 'h-36', logs: 'h-80', markdown: 'h-auto' };

/** One panel: fetches its own data and owns its loading, empty, no-data, forbidden and error states. */
export function DashboardPanel({ slug, panel, title, params, timeZone, escalation, titles, onZoom }: DashboardPanelProps) {
  const isStatic = panel.type === 'markdown';
  const q = usePanelData(slug, panel.id, params, !isStatic);
  const err = q.error;
  const forbidden = err instanceof BffError && err.code === 'FORBIDDEN';
  const data = q.data;
  const state: PanelState = isStatic ? 'ready' : forbidden ? 'forbidden' : err && !data ? 'error' : data ? classifyData(data) : 'loading';
  // An exemplar opens its trace with the dashboard's range and the exemplar's service, like every drill-down link.
  const traceHref = useCallback(
    (e: PanelExemplar) => withContext(`/traces/${e.traceId}`, { from: params.from, to: params.to, service: e.seriesLabels.service }, { span: e.spanId }),
    [params.from, params.to],
  );

  return (
    <PanelFrame panel={panel} title={title} state={state} escalation={escalation} titles={titles} updating={!isStatic && q.isFetching && !q.isPending}>
      <div className={`${HEIGHT[panel.type] ?? 'h-56'} overflow-auto`}>
        {panel.type === 'markdown' ? (
          <MarkdownView content={panel.content} />
        ) : forbidden ? (
          <PanelForbidden message={err.message} />
        ) : err && !data ? (
          <PanelError code={err instanceof BffError ? err.code : 'NETWORK'} message={err.message} />
        ) : data ? (
          <PanelBody panel={panel} data={data} timeZone={timeZone} onZoom={onZoom} traceHref={traceHref} />
        ) : (
          <PanelLoading />
        )}
      </div>
      {err && data && !forbidden && <PanelError code={err instanceof BffError ? err.code : 'NETWORK'} message={`Refresh failed: ${err.message}`} />}
      {data && <PanelNotices notices={data.notices} />}
    </PanelFrame>
  );
}
