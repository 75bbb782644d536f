import 'server-only';
import { AppError } from '@/lib/api/errors';
import type { CallOptions } from '@/lib/datasources/http';
import { toSafeStep } from '@/lib/dashboards/time';
import type { PrometheusClient } from '@/lib/datasources/prometheus/client';
import { asUnixMs, type Deployment, type Labels } from '@/lib/datasources/types';
import { logger } from '@/lib/observability/log';
import { listIncidents, listDeploymentImpacts, listMonthlyCompliance } from './bff-history';
import type { SloDetail, SloLinks, SloList, SloListFailure, SloListItem } from './bff-types';
import type { Slo } from './schema';
import { computeSloStatus, type SloQueryDeps } from './status';

/**
 * Server-side glue between the SLO math (lib/slo/status.ts) and the datasources: builds the
 * query dependencies from the Prometheus adapter and assembles what the SLO routes return.
 */

/** The Prometheus adapter calls the SLO BFF uses (the real adapter, or a fake in tests). */
export type SloPrometheus = Pick<PrometheusClient, 'queryInstant' | 'queryRange' | 'rules'>;

/** One series of a range query on the step grid; null where Prometheus had no value. */
export interface GridSeries {
  labels: Labels;
  points: { t: number; value: number | null }[];
}

/** Everything the SLO BFF reads: Prometheus through SloQueryDeps plus all series and deployments. */
export interface SloBffDeps extends SloQueryDeps {
  /** Every series of a range query, each on the step grid (start + k × step). */
  queryRangeSeries(expr: string, startMs: number, endMs: number, stepSeconds: number): Promise<GridSeries[]>;
  /** Deployments of one service that started in [fromMs, toMs], newest first. */
  listDeployments(filter: { service: string; fromMs: number; toMs: number }): Promise<Deployment[]>;
}

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/**
 * Range results on the grid Prometheus evaluates at (start + k × step): missing steps become
 * null, so a gap in the data stays a gap and never reads as zero.
 */
function toGrid(samples: { t: number; value: number | null }[], startMs: number, endMs: number, stepSeconds: number): GridSeries['points'] {
  const stepMs = stepSeconds * 1000;
  const byT = new Map(samples.map((s) => [Math.round(s.t), s.value]));
  const points: GridSeries['points'] = [];
  for (let t = startMs; t <= endMs + 1; t += stepMs) points.push({ t, value: finite(byT.get(Math.round(t))) });
  return points;
}

/** Builds the SLO BFF's dependencies over a Prometheus adapter and a deployment lister. */
export function createSloBffDeps(opts: {
  prometheus: SloPrometheus;
  listDeployments: SloBffDeps['listDeployments'];
  call?: CallOptions;
}): SloBffDeps {
  const { prometheus, call } = opts;
  let groups: Promise<Set<string>> | undefined;
  // Whole milliseconds: the adapter sends seconds with three decimals, so the grid lines up.
  const range = async (expr: string, startMs: number, endMs: number, stepSeconds: number): Promise<GridSeries[]> => {
    const start = Math.round(startMs);
    const end = Math.round(endMs);
    const step = Math.max(1, Math.round(stepSeconds));
    const r = await prometheus.queryRange({ query: expr, start: asUnixMs(start), end: asUnixMs(end), stepSeconds: step }, call);
    // The adapter may raise the step past Prometheus' point limit; follow the points it returned.
    const { stepSeconds: used } = toSafeStep({ query: expr, start: asUnixMs(start), end: asUnixMs(end), stepSeconds: step });
    return r.data.map((s) => ({ labels: s.labels, points: toGrid(s.samples, start, end, used) }));
  };
  return {
    async queryInstant(expr, timeMs) {
      const r = await prometheus.queryInstant(expr, asUnixMs(Math.round(timeMs)), call);
      const samples = r.data[0]?.samples ?? [];
      return finite(samples[samples.length - 1]?.value);
    },
    async queryRange(expr, startMs, endMs, stepSeconds) {
      const first = (await range(expr, startMs, endMs, stepSeconds))[0];
      if (first) return first.points;
      return toGrid([], Math.round(startMs), Math.round(endMs), Math.max(1, Math.round(stepSeconds)));
    },
    queryRangeSeries: range,
    async hasRecordingRules(sloId) {
      // One rules call per request. The adapter lists alerting rules only; the generator writes an
      // SLO's recording group and its alert group into the same file, so either name proves it loaded.
      groups ??= prometheus.rules(call).then((rules) => new Set(rules.map((r) => r.group)));
      const loaded = await groups;
      return loaded.has(`slo:${sloId}:recording`) || loaded.has(`slo:${sloId}:alerts`);
    },
    listDeployments: opts.listDeployments,
  };
}

function toLinks(slo: Slo): SloLinks {
  return { dashboard: slo.links.dashboard ?? null, runbook: slo.links.runbook ?? null };
}

/** One row of the SLO list: the live status and the SLO's links. */
export async function buildSloListItem(slo: Slo, deps: SloQueryDeps, nowMs: number): Promise<SloListItem> {
  return { status: await computeSloStatus(slo, deps, nowMs), links: toLinks(slo) };
}

function toFailure(slo: Slo, err: unknown, requestId: string): SloListFailure {
  const base = { sloId: slo.id, name: slo.name, journey: slo.journey, links: toLinks(slo) };
  if (err instanceof AppError) return { ...base, error: { code: err.code, message: err.message } };
  logger.error('SLO status failed', { requestId, sloId: slo.id, err: String(err instanceof Error ? err.stack : err) });
  return { ...base, error: { code: 'INTERNAL', message: `internal error; see the server log for request ${requestId}` } };
}

/**
 * Every SLO's row of the list. One SLO whose status fails shows its own error and the others
 * their status; only when every one failed on Prometheus (it is down) does the whole list fail.
 */
export async function buildSloList(slos: Slo[], deps: SloQueryDeps, nowMs: number, requestId: string): Promise<SloList> {
  const results = await Promise.allSettled(slos.map((slo) => buildSloListItem(slo, deps, nowMs)));
  const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const upstreamDown = reasons.length > 0 && reasons.length === results.length && reasons.every((e) => e instanceof AppError && e.code.startsWith('UPSTREAM_'));
  if (upstreamDown) throw reasons[0];
  return { items: results.map((r, i) => (r.status === 'fulfilled' ? r.value : toFailure(slos[i]!, r.reason, requestId))) };
}

/** Options of buildSloDetail. */
export interface SloDetailOptions {
  /** How long after a deployment its budget spend is measured (default one hour). */
  deploymentImpactMs?: number;
  /** Calendar months in the compliance table, the current one included (default six). */
  months?: number;
}

/** Everything the SLO page shows: status, incidents and deployments with the budget they spent, monthly compliance. */
export async function buildSloDetail(slo: Slo, deps: SloBffDeps, nowMs: number, opts: SloDetailOptions = {}): Promise<SloDetail> {
  const [status, incidents, deployments, compliance] = await Promise.all([
    computeSloStatus(slo, deps, nowMs),
    listIncidents(slo, deps, nowMs),
    listDeploymentImpacts(slo, deps, nowMs, opts.deploymentImpactMs ?? 3_600_000),
    listMonthlyCompliance(slo, deps, nowMs, opts.months ?? 6),
  ]);
  return { status, links: toLinks(slo), description: slo.description ?? null, owner: slo.owner, incidents, deployments, compliance };
}
