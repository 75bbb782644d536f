import type { z } from 'zod';
import { notFound } from '@/lib/api/errors';
import type { SloPanelSchema } from '@/lib/dashboards/schema';
import type { PanelContext } from './context';
import type { SloData } from './types';

type SloPanel = z.infer<typeof SloPanelSchema>;

/**
 * An SLO panel shows the SLO's status at the end of the dashboard's window, computed by the one SLO
 * status function the SLO pages use, so a dashboard and the SLO page never disagree.
 */
export async function resolveSlo(ctx: PanelContext, panel: SloPanel): Promise<SloData> {
  const slo = ctx.deps.getSlo(panel.sloId);
  if (!slo) throw notFound('SLO', panel.sloId);
  return { type: 'slo', window: ctx.window, notices: [], status: await ctx.deps.sloStatus(slo, ctx.window.end, ctx.call) };
}
