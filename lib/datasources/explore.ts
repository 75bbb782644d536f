import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { parseTimeRef } from '@/lib/dashboards/time';
import { recordAudit } from '@/lib/db/audit';
import { logger } from '@/lib/observability/log';
import type { CallOptions } from './http';
import { GO_DURATION, TRACE_ID } from './jaeger/client';
import { deadlineIn } from './resilience/deadline';
import type { UnixMs } from './types';

/**
 * Validation, limits, time box and audit for the raw query endpoints (app/api/explore/**).
 * Operators and developers send PromQL/LogQL/trace searches here; everything is bounded.
 */

export const EXPLORE_LIMITS = {
  maxRangeMs: 31 * 24 * 3600 * 1000,
  maxPoints: 11_000,
  maxEntries: 5_000,
  /** Characters of PromQL/LogQL. */
  maxQueryLength: 8_000,
  maxTraces: 1_500,
  /** Series of one answer (limitSeries): more than a chart or a table shows usefully. */
  maxSeries: 1_000,
  /** Whole-request time box, on top of each datasource's own timeout. */
  deadlineMs: 30_000,
} as const;

/** `now`, `now-6h`, epoch ms or RFC 3339, parsed against the request's clock. */
function toTime(s: string, ctx: z.RefinementCtx): UnixMs {
  try {
    return parseTimeRef(s, Date.now());
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : 'not a time' });
    return z.NEVER;
  }
}
const timeRef = z.string().transform(toTime);
const timeRefOr = (dflt: string) => z.string().default(dflt).transform(toTime);

const queryText = z.string().trim().min(1, 'is required').max(EXPLORE_LIMITS.maxQueryLength, `is longer than ${EXPLORE_LIMITS.maxQueryLength} characters`);
const matchList = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The window of a parsed query (generic shapes hide it from zod's inferred type). */
const windowOf = (parsed: unknown) => parsed as { start: UnixMs; end: UnixMs };

/**
 * `shape` with from/to, the maximum range enforced; defaults to the last hour. One object rather than
 * an intersection with a range schema: zod parses an intersection's input once per side and merges
 * the two results, on every request.
 */
function withRange<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ...shape, start: timeRefOr('now-1h'), end: timeRefOr('now') })
    .refine((r) => windowOf(r).end > windowOf(r).start, { message: 'end must be after start', path: ['end'] })
    .refine((r) => windowOf(r).end - windowOf(r).start <= EXPLORE_LIMITS.maxRangeMs, { message: 'range is longer than 31 days', path: ['start'] });
}

export const PromRangeQuerySchema = withRange({ query: queryText, step: z.coerce.number().positive().max(86_400).optional() })
  .transform((q) => ({ ...q, stepSeconds: q.step ?? Math.max(1, Math.ceil((q.end - q.start) / 1000 / 250)) }))
  .refine((q) => (q.end - q.start) / 1000 / q.stepSeconds <= EXPLORE_LIMITS.maxPoints, {
    message: `too many points per series (at most ${EXPLORE_LIMITS.maxPoints}): raise the step`,
    path: ['step'],
  });

export const PromInstantQuerySchema = z.object({ query: queryText, time: timeRef.optional() });

export const LabelsQuerySchema = withRange({ match: matchList, query: queryText.optional() });

export const LabelNameParams = z.object({ name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.]*$/, 'is not a label name') });

export const LokiRangeQuerySchema = withRange({
  query: queryText,
  limit: z.coerce.number().int().positive().max(EXPLORE_LIMITS.maxEntries, `is more than ${EXPLORE_LIMITS.maxEntries} entries`).default(1_000),
  direction: z.enum(['forward', 'backward']).default('backward'),
  step: z.coerce.number().positive().max(86_400).optional(),
}).transform((q) => ({ ...q, stepSeconds: q.step ?? Math.max(1, Math.ceil((q.end - q.start) / 1000 / 250)) }));

const tags = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s) return undefined;
    try {
      return z.record(z.string(), z.coerce.string()).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of tag: value, e.g. {"http.status_code":"500"}' });
      return z.NEVER;
    }
  });

export const TraceSearchQuerySchema = withRange({
  service: z.string().min(1).max(256),
  operation: z.string().max(512).optional(),
  tags,
  minDuration: z.string().regex(GO_DURATION, 'must be a duration such as 100ms or 1.5s').optional(),
  maxDuration: z.string().regex(GO_DURATION, 'must be a duration such as 100ms or 1.5s').optional(),
  limit: z.coerce.number().int().positive().max(EXPLORE_LIMITS.maxTraces).default(20),
});

export const TraceIdParams = z.object({ traceId: z.string().regex(TRACE_ID, 'must be 1 to 32 hex digits') });
export const ServiceParams = z.object({ service: z.string().min(1).max(256) });

interface ExploreContext {
  principal: Principal | null;
  requestId: string;
  signal: AbortSignal;
}

/**
 * Runs the query under the explore deadline (a server deadline: running out is a timeout, while the
 * caller's abort still cancels the upstream call) and audits it (who, what, against which
 * datasource). The audit write is started once the query is under way and is not awaited: the
 * database stays off the response's path. It is never lost silently: a failed write is logged at
 * error level with every field of the event.
 */
export async function runExplore<T>(ctx: ExploreContext, action: string, target: string, details: Record<string, unknown>, fn: (opts: CallOptions) => Promise<T>): Promise<T> {
  if (!ctx.principal) throw new AppError('UNAUTHENTICATED', 'sign in to explore');
  const result = fn({ signal: ctx.signal, deadline: deadlineIn(EXPLORE_LIMITS.deadlineMs), requestId: ctx.requestId });
  const event = { actor: ctx.principal.name, action, target, details: { ...details, requestId: ctx.requestId } };
  // setImmediate: the (synchronous, for SQLite) write runs after the upstream request is sent.
  setImmediate(() => void recordAudit(event).catch((err: unknown) => logger.error('explore audit event not written', { ...event, err: String(err) })));
  return result;
}
