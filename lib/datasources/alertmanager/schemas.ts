import { z } from 'zod';

/** Alertmanager API v2 wire shapes. Times are RFC 3339 strings. */

const LabelSet = z.record(z.string(), z.string());

export const AmAlert = z.object({
  labels: LabelSet,
  annotations: LabelSet.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  updatedAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string(),
  receivers: z.array(z.object({ name: z.string() })).default([]),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).nullable().default([]),
    inhibitedBy: z.array(z.string()).nullable().default([]),
  }),
});
export type AmAlert = z.infer<typeof AmAlert>;
export const AmAlerts = z.array(AmAlert);

export const AmSilence = z.object({
  id: z.string(),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().default(true) })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string().default(''),
});
export type AmSilence = z.infer<typeof AmSilence>;
export const AmSilences = z.array(AmSilence);
