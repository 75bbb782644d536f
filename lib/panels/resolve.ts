import { AppError, notFound } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import type { ResultNotice } from '@/lib/datasources/types';
import type { RequestedValues } from '@/lib/dashboards/interpolate';
import type { Dashboard, Panel, PanelType } from '@/lib/dashboards/schema';
import { alignWindow, computeStep, formatDuration, resolveRange } from '@/lib/dashboards/time';
import { hasRole } from '@/lib/auth/principal';
import type { Role } from '@/lib/env';
import { resolveAlerts, resolveLogs } from './alerts-logs';
import { windowBuiltins, type PanelContext, type PanelDeps, type PanelWindow } from './context';
import { resolveDependencies } from './dependencies';
import { noPanelData } from './no-data';
import { resolveSlo } from './slo';
import { resolveTable } from './table';
import { resolveStat, resolveTimeseries } from './timeseries';
import type { PanelData } from './types';
import { validateVariables } from './variables';

/**
 * Server-side panel resolution (ARCHITECTURE.md decision 1): find the panel, check the role its
 * type needs, align the range to the dashboard's step, validate the variables it uses, then query.
 */

/** Panel types whose data only operators and above may read (log lines, alert details). */
export const OPERATOR_PANEL_TYPES: ReadonlySet<PanelType> = new Set(['logs', 'alerts']);

/** The role a panel type needs. */
export function roleForPanel(type: PanelType): Role {
  return OPERATOR_PANEL_TYPES.has(type) ? 'operator' : 'viewer';
}

export interface PanelRequest {
  panelId: string;
  from?: string;
  to?: string;
  values: RequestedValues;
  role: Role;
  /** Epoch ms that "now" means for this request. */
  nowMs: number;
  signal?: AbortSignal;
  requestId?: string;
}

// Panels by id, built once per loaded dashboard (a changed file loads as a new object).
const panelIndexes = new WeakMap<Dashboard, Map<string, Panel>>();

/** The panel with this id, or NOT_FOUND. */
export function findPanel(dashboard: Dashboard, panelId: string): Panel {
  let byId = panelIndexes.get(dashboard);
  if (!byId) {
    byId = new Map();
    // The first panel with an id wins, as a scan in page order would find it.
    for (const row of dashboard.rows) for (const p of row.panels) if (!byId.has(p.id)) byId.set(p.id, p);
    panelIndexes.set(dashboard, byId);
  }
  const panel = byId.get(panelId);
  if (!panel) throw notFound('Panel', `${dashboard.slug}/${panelId}`);
  return panel;
}

/**
 * The window every panel of the dashboard shares: range resolved, step chosen, range queries on the
 * step and the end at now (or `to`) to within a scrape interval (alignWindow).
 */
export function resolveWindow(
  dashboard: Dashboard,
  from: string | undefined,
  to: string | undefined,
  nowMs: number,
  scrapeIntervalSeconds: number,
): { window: PanelWindow; notices: ResultNotice[] } {
  const range = resolveRange(from || dashboard.time.defaultRange, to || 'now', nowMs);
  const step = computeStep(range.end - range.start, dashboard.time.resolution, dashboard.time.maxPoints);
  const aligned = alignWindow(range, step.stepSeconds, scrapeIntervalSeconds);
  const notices: ResultNotice[] = step.raised
    ? [{ code: 'STEP_RAISED', message: `Resolution lowered to one point every ${formatDuration(step.stepSeconds)} (asked for ${formatDuration(step.requestedSeconds)}) to stay under 11,000 points per series` }]
    : [];
  return { window: { ...aligned, stepSeconds: step.stepSeconds }, notices };
}

/** Resolves one panel's data. Throws AppError (NOT_FOUND, FORBIDDEN, INVALID_INPUT, upstream errors). */
export async function resolvePanel(deps: PanelDeps, dashboard: Dashboard, req: PanelRequest): Promise<PanelData> {
  const panel = findPanel(dashboard, req.panelId);
  const needed = roleForPanel(panel.type);
  if (!hasRole(req.role, needed)) throw new AppError('FORBIDDEN', `the ${panel.type} panel "${panel.title}" needs the ${needed} role; you have ${req.role}`, { details: { neededRole: needed } });
  const { window, notices } = resolveWindow(dashboard, req.from, req.to, req.nowMs, deps.scrapeIntervalSeconds);
  const call: CallOptions = { signal: req.signal, requestId: req.requestId, cache: true };
  const variables = await validateVariables(deps, dashboard, panel, req.values, window, call);
  if (variables.empty.length > 0) return noPanelData(panel, window, [...notices, ...variables.notices], variables.values);
  const ctx: PanelContext = {
    deps,
    dashboard,
    window,
    values: variables.values,
    call,
    builtins: windowBuiltins(window, deps.scrapeIntervalSeconds),
  };
  const data = await dispatch(ctx, panel);
  return { ...data, notices: [...notices, ...variables.notices, ...data.notices] };
}

function dispatch(ctx: PanelContext, panel: Panel): Promise<PanelData> {
  switch (panel.type) {
    case 'timeseries':
      return resolveTimeseries(ctx, panel);
    case 'stat':
      return resolveStat(ctx, panel);
    case 'slo':
      return resolveSlo(ctx, panel);
    case 'alerts':
      return resolveAlerts(ctx, panel);
    case 'logs':
      return resolveLogs(ctx, panel);
    case 'table':
      return resolveTable(ctx, panel);
    case 'dependencies':
      return resolveDependencies(ctx, panel);
    case 'markdown':
      return Promise.resolve({ type: 'markdown', window: ctx.window, notices: [], content: panel.content });
  }
}
