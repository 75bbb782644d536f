import { z } from 'zod';

/** What a CD pipeline posts to /api/deployments. The client chooses `id`, which makes retries safe. */
export const DeploymentInputSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'use 1-128 letters, digits, ".", "_", ":" or "-"'),
    service: z.string().trim().min(1).max(100),
    environment: z.string().trim().min(1).max(50),
    version: z.string().trim().min(1).max(100),
    commit: z.string().trim().max(64).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    description: z.string().max(2000).optional(),
    status: z.enum(['started', 'succeeded', 'failed', 'rolled_back']).default('succeeded'),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((d) => !d.finishedAt || Date.parse(d.finishedAt) >= Date.parse(d.startedAt), { path: ['finishedAt'], message: 'must not be before startedAt' });

export type DeploymentInput = z.infer<typeof DeploymentInputSchema>;

/** Query of GET /api/deployments: times are now-<duration>, ISO 8601 or epoch milliseconds. */
export const DeploymentQuerySchema = z.object({
  service: z.union([z.string().max(100), z.array(z.string().max(100)).max(50)]).optional(),
  environment: z.string().max(50).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
