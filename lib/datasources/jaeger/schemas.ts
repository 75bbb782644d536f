import { z } from 'zod';
import { checkJaegerSpan } from './span-guard';

/** Jaeger query service internal JSON API (/api/*) wire shapes. Times and durations in microseconds. */

export const JaegerKeyValue = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]),
});
export type JaegerKeyValue = z.infer<typeof JaegerKeyValue>;

export const JaegerSpanWire = z.object({
  traceID: z.string(),
  spanID: z.string(),
  flags: z.number().optional(),
  operationName: z.string(),
  references: z.array(z.object({ refType: z.enum(['CHILD_OF', 'FOLLOWS_FROM']), traceID: z.string(), spanID: z.string() })).nullable().default([]),
  startTime: z.number(),
  duration: z.number(),
  tags: z.array(JaegerKeyValue).nullable().default([]),
  logs: z.array(z.object({ timestamp: z.number(), fields: z.array(JaegerKeyValue).nullable().default([]) })).nullable().default([]),
  processID: z.string(),
  warnings: z.array(z.string()).nullable().default([]),
});
export type JaegerSpanWire = z.infer<typeof JaegerSpanWire>;

export const JaegerTraceWire = z.object({
  traceID: z.string(),
  spans: z.array(JaegerSpanWire),
  processes: z.record(z.string(), z.object({ serviceName: z.string(), tags: z.array(JaegerKeyValue).nullable().default([]) })),
  warnings: z.array(z.string()).nullable().default([]),
});
export type JaegerTraceWire = z.infer<typeof JaegerTraceWire>;

/**
 * An array validated for speed: each item by a structural guard, falling back to the zod schema
 * (for its specific message and path) only for an item that fails. Deep-parsing 50,000 spans with
 * zod costs far more than fetching them. The guard must accept only what the schema accepts, and
 * fill what the schema's defaults would.
 */
export function guardedArray<S extends z.ZodType>(item: S, guard: (v: unknown) => boolean) {
  return z.array(z.unknown()).transform((items, ctx) => {
    for (let i = 0; i < items.length; i++) {
      if (guard(items[i])) continue;
      const r = item.safeParse(items[i]);
      if (r.success) {
        items[i] = r.data;
        continue;
      }
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
      return z.NEVER;
    }
    // Safe: every item passed the guard (the schema's shape) or was replaced by the schema's output.
    return items as z.infer<S>[];
  });
}

/** The same trace shape, validated for speed: the envelope and processes by zod, each span by checkJaegerSpan. */
export const JaegerTraceWireFast = JaegerTraceWire.extend({ spans: guardedArray(JaegerSpanWire, checkJaegerSpan) });

export const JaegerError = z.object({ code: z.number(), msg: z.string(), traceID: z.string().optional() });

/** The envelope of every /api answer, errors included. */
export const jaegerEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({
    data: data.nullable(),
    total: z.number().optional(),
    limit: z.number().optional(),
    offset: z.number().optional(),
    errors: z.array(JaegerError).nullable().optional(),
  });

export const JaegerErrorBody = jaegerEnvelope(z.unknown());
export const JaegerStrings = z.array(z.string());
export const JaegerTraces = z.array(JaegerTraceWire);
export const JaegerTracesFast = z.array(JaegerTraceWireFast);
export const JaegerDependencies = z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() }));
