import { z } from 'zod';
import type { CompactTrace } from './compact-trace';

/**
 * The compact trace view format (compact-trace.ts) as a zod schema, for tests and tooling that
 * validate a wire answer. The browser never loads it; the type check below keeps both in step.
 */

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** Key/value pairs flattened: `[key, value, ...]` (see flattenPairs for the key's sign). */
const FlatPairs = z.array(Scalar);
const Sparse = <T extends z.ZodType>(value: T) => z.array(z.tuple([z.number().int().nonnegative(), value]));
const Column = z.array(z.number());

export const CompactTraceSchema = z.object({
  v: z.literal(2),
  traceId: z.string(),
  startMicros: z.number(),
  durationMicros: z.number(),
  warnings: z.array(z.string()),
  strings: z.array(z.string()),
  /** One per process: service name and resource pairs (keys inline, processes are few). */
  processes: z.array(z.tuple([z.string(), z.array(z.tuple([z.string(), Scalar]))])),
  spanIds: z.array(z.string()),
  /** Index of the parent span (first span with that id); NO_PARENT; or MISSING_PARENT (id in missingParents). */
  parents: Column,
  processOf: Column,
  operations: Column,
  starts: Column,
  durations: Column,
  /** FLAG_ERROR | kind index << KIND_SHIFT. */
  flags: Column,
  attributes: FlatPairs,
  attributeEnds: Column,
  missingParents: Sparse(z.string()),
  /** Per span: events as [offset µs, flat field pairs]. */
  events: Sparse(z.array(z.tuple([z.number(), FlatPairs]))),
  /** Only for spans whose links are not just "child of its parent": [traceId, spanId, 1 = follows_from]. */
  links: Sparse(z.array(z.tuple([z.string(), z.string(), z.union([z.literal(0), z.literal(1)])]))),
  spanWarnings: Sparse(z.array(z.string())),
  /** Spans whose traceId differs from the trace's. */
  foreignTraceIds: Sparse(z.string()),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that the schema and the wire type describe the same shape. */
export const SCHEMA_MATCHES_TYPE: Same<z.infer<typeof CompactTraceSchema>, CompactTrace> = true;
