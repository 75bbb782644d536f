import { z } from 'zod';

/**
 * The neutral SLO status the BFF returns and the SLO pages render. Times are epoch ms, durations
 * seconds, shares fractions 0..1 (objective stays a percent as written in the definition).
 * Null always means "no data", never zero.
 */

export const SloStateSchema = z.enum(['meeting', 'at_risk', 'breached', 'no_data']);

export const BurnRateStatusSchema = z.object({
  severity: z.enum(['page', 'ticket']),
  longWindow: z.string(),
  shortWindow: z.string(),
  /** The alert fires when both windows burn faster than this. */
  threshold: z.number(),
  /** Share of the period's budget spent in the long window at the threshold. */
  budgetFraction: z.number(),
  longBurnRate: z.number().nullable(),
  shortBurnRate: z.number().nullable(),
  /** Both windows above the threshold right now (the alert's condition, before Alertmanager). */
  firing: z.boolean(),
});

export const SloBudgetSchema = z.object({
  budgetFraction: z.number(),
  consumedFraction: z.number(),
  /** Negative exactly when the objective is missed (lib/slo/math.ts meetsObjective); 0 is met with none left. */
  remainingFraction: z.number(),
  badEvents: z.number(),
  allowedBadEvents: z.number(),
  remainingBadEvents: z.number(),
  /** How long a total outage could last at current traffic before the budget is gone (0 once spent). */
  remainingOutageSeconds: z.number().nullable(),
  /**
   * When the budget runs out if the current burn rate holds, counting events that leave the
   * rolling window (lib/slo/exhaustion.ts): 0 once spent, null when it does not run out.
   */
  exhaustionSeconds: z.number().nullable(),
});

export const SloStatusSchema = z.object({
  sloId: z.string(),
  name: z.string(),
  service: z.string(),
  journey: z.string(),
  goodEvents: z.string().nullable(),
  objective: z.number(),
  windowDays: z.number(),
  evaluatedAt: z.number(),
  /** At risk: a page alert's condition holds, or the budget runs out within a period at the current rate. */
  state: SloStateSchema,
  /** Why the SLI cannot be measured, in plain words (e.g. a latency threshold that is no bucket boundary); null when it can. */
  problem: z.string().nullable(),
  sentence: z.string(),
  sli: z.number().nullable(),
  goodCount: z.number().nullable(),
  validCount: z.number().nullable(),
  /** Share of the window the data covers: a young system has less than a full window. */
  coverage: z.number(),
  budget: SloBudgetSchema.nullable(),
  /** Burn rate over the shortest alert long window, the "now" of the projection. */
  currentBurnRate: z.number().nullable(),
  burnRates: z.array(BurnRateStatusSchema),
  burnDown: z.array(z.object({ t: z.number(), remainingFraction: z.number().nullable() })),
  source: z.enum(['recording_rules', 'raw_series']),
});

export type SloState = z.infer<typeof SloStateSchema>;
export type BurnRateStatus = z.infer<typeof BurnRateStatusSchema>;
export type SloBudget = z.infer<typeof SloBudgetSchema>;
export type SloStatus = z.infer<typeof SloStatusSchema>;
