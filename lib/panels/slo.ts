import type { z } from 'zod';
import { notFound } from '@/lib/api/errors';
import type { ResultNotice, TimeSeries } from '@/lib/datasources/types';
import type { SloPanelSchema } from '@/lib/dashboards/schema';
import { computeBurnRate, summarizeBudget } from '@/lib/slo/math';
import { buildErrorRatioExpr, buildIncreaseExprs } from '@/lib/slo/promql';
import type { PanelContext } from './context';
import type { SloData } from './types';

type SloPanel = z.infer<typeof SloPanelSchema>;

const DAY_MS = 86_400_000;
/** Below this share of budget left (or above a 1h burn rate of 1) the SLO is at risk. */
const AT_RISK_REMAINING = 0.25;

const firstValue = (list: TimeSeries[]): number | null => {
  const v = list[0]?.samples[list[0].samples.length - 1]?.value;
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
};

/** Decides the one-word status a stakeholder reads first. */
export function classifySlo(sli: number | null, remaining: number | null, burnRate1h: number | null): SloData['status'] {
  if (sli === null || remaining === null) return 'no-data';
  if (remaining <= 0) return 'breached';
  if (remaining < AT_RISK_REMAINING || (burnRate1h !== null && burnRate1h > 1)) return 'at-risk';
  return 'meeting';
}

/**
 * An SLO summary at the end of the window: SLI and budget over the SLO's own rolling period, and
 * the 1h burn rate. Zero valid events is "no data", never 100%.
 */
export async function resolveSlo(ctx: PanelContext, panel: SloPanel): Promise<SloData> {
  const slo = ctx.deps.getSlo(panel.sloId);
  if (!slo) throw notFound('SLO', panel.sloId);
  const notices: ResultNotice[] = [];
  const period = `${slo.window.days}d`;
  const inc = buildIncreaseExprs(slo.sli, period);
  const at = ctx.window.end;
  const run = async (q: string) => {
    const r = await ctx.deps.queryInstant(q, at, ctx.call);
    notices.push(...r.notices);
    return firstValue(r.data);
  };
  const [good, valid, ratio1h] = await Promise.all([run(inc.good), run(inc.valid), run(buildErrorRatioExpr(slo.sli, '1h'))]);
  const budget = valid === null ? null : summarizeBudget({ good: good ?? 0, valid, objectivePercent: slo.objective, windowMs: slo.window.days * DAY_MS });
  const burnRate1h = computeBurnRate(ratio1h, slo.objective);
  return {
    type: 'slo',
    window: ctx.window,
    notices,
    slo: { id: slo.id, name: slo.name, journey: slo.journey, objective: slo.objective, windowDays: slo.window.days, service: slo.service },
    sli: budget?.sli ?? null,
    budgetRemaining: budget?.remainingFraction ?? null,
    burnRate1h,
    status: classifySlo(budget?.sli ?? null, budget?.remainingFraction ?? null, burnRate1h),
  };
}
