import { z } from 'zod';
import { SloStatusSchema } from './types';

/**
 * What the SLO API routes return (`/api/slos`, `/api/slos/{id}`): neutral shapes the SLO pages
 * render. Times are epoch ms; shares are fractions 0..1 of the SLO window's error budget; null
 * always means "no data", never zero.
 */

export const SloLinksSchema = z.object({
  /** Slug of a dashboard, rendered as /d/{slug}. */
  dashboard: z.string().nullable(),
  runbook: z.string().nullable(),
});

/** An SLO whose status could not be computed: the list shows it with its own error. */
export const SloListFailureSchema = z.object({
  sloId: z.string(),
  name: z.string(),
  journey: z.string(),
  links: SloLinksSchema,
  error: z.object({ code: z.string(), message: z.string() }),
});

export const SloListItemSchema = z.union([z.object({ status: SloStatusSchema, links: SloLinksSchema }), SloListFailureSchema]);

export const SloListSchema = z.object({ items: z.array(SloListItemSchema) });

/** One alert period: overlapping firing burn-rate alerts of the SLO merged into one. */
export const SloIncidentSchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  /** Still firing at evaluation time (endMs is then the evaluation time). */
  ongoing: z.boolean(),
  /** Long windows of the alerts that fired, e.g. ["1h", "6h"]. */
  windows: z.array(z.string()),
  severity: z.enum(['page', 'ticket']),
  /** Share of the window's budget spent between start and end; null without traffic. */
  budgetSpent: z.number().nullable(),
});

export const SloDeploymentImpactSchema = z.object({
  id: z.string(),
  version: z.string(),
  status: z.string(),
  description: z.string().nullable(),
  startedAtMs: z.number(),
  /** Length of the interval after the deployment that budgetSpent covers. */
  impactMs: z.number(),
  budgetSpent: z.number().nullable(),
});

/** One calendar month (UTC) of compliance. */
export const SloMonthSchema = z.object({
  /** `YYYY-MM`. */
  month: z.string(),
  /** The month is still running: figures cover it up to the evaluation time. */
  partial: z.boolean(),
  sli: z.number().nullable(),
  validCount: z.number().nullable(),
  /** Share of the month's own budget spent (good/valid within the month). */
  budgetSpent: z.number().nullable(),
  /** Share of the month (so far) that data covers; a month before the data or past retention is partly covered. */
  coverage: z.number(),
  /** Met and missed judge a whole month (so far); a partly covered month is partial_data, never judged on a part. */
  verdict: z.enum(['met', 'missed', 'partial_data', 'no_data']),
});

export const SloDetailSchema = z.object({
  status: SloStatusSchema,
  links: SloLinksSchema,
  description: z.string().nullable(),
  owner: z.string(),
  incidents: z.array(SloIncidentSchema),
  deployments: z.array(SloDeploymentImpactSchema),
  compliance: z.array(SloMonthSchema),
});

export type SloLinks = z.infer<typeof SloLinksSchema>;
export type SloListItem = z.infer<typeof SloListItemSchema>;
export type SloListFailure = z.infer<typeof SloListFailureSchema>;
export type SloList = z.infer<typeof SloListSchema>;
export type SloIncident = z.infer<typeof SloIncidentSchema>;
export type SloDeploymentImpact = z.infer<typeof SloDeploymentImpactSchema>;
export type SloMonth = z.infer<typeof SloMonthSchema>;
export type SloDetail = z.infer<typeof SloDetailSchema>;
