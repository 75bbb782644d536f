import { z } from 'zod';
import { checkOtlpSpan } from './otlp-span-guard';
import { guardedArray } from './schemas';

/**
 * Jaeger API v3 (`/api/v3/traces/{id}`) wire shapes: OTLP JSON. Times are decimal nanoseconds
 * since the epoch, as strings (a double cannot hold them); ids are hex. Proto3 JSON omits fields at
 * their default value, so an absent name, kind, parent, list or status means "", 0, none, [] or unset.
 */

/** OTLP AnyValue: exactly one of the typed members, or none (an empty value). */
export type OtlpAnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
};
export type OtlpKeyValue = { key: string; value?: OtlpAnyValue };

export const OtlpAnyValue: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(OtlpAnyValue).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(OtlpKeyValue).optional() }).optional(),
  }),
);
export const OtlpKeyValue: z.ZodType<OtlpKeyValue> = z.lazy(() => z.object({ key: z.string(), value: OtlpAnyValue.optional() }));

/** Nanoseconds since the epoch: a decimal string (proto3 JSON's uint64) or, leniently, a number. */
const Nanos = z.union([z.string().regex(/^\d+$/, 'is not a count of nanoseconds'), z.number().nonnegative()]);

export const OtlpSpanWire = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().optional(),
  /** 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: z.number().int().optional(),
  startTimeUnixNano: Nanos,
  endTimeUnixNano: Nanos,
  attributes: z.array(OtlpKeyValue).optional(),
  events: z.array(z.object({ timeUnixNano: Nanos, name: z.string().optional(), attributes: z.array(OtlpKeyValue).optional() })).optional(),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes: z.array(OtlpKeyValue).optional() })).optional(),
  /** code: 0 unset, 1 ok, 2 error. */
  status: z.object({ code: z.number().int().optional(), message: z.string().optional() }).optional(),
});
export type OtlpSpanWire = z.infer<typeof OtlpSpanWire>;

/** Spans validated for speed: each by checkOtlpSpan, the schema only for one that fails. */
const OtlpSpansFast = guardedArray(OtlpSpanWire, checkOtlpSpan);

export const OtlpResourceSpans = z.object({
  resource: z.object({ attributes: z.array(OtlpKeyValue).optional() }).optional(),
  scopeSpans: z.array(z.object({ scope: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(), spans: OtlpSpansFast.optional() })).optional(),
});
export type OtlpResourceSpans = z.infer<typeof OtlpResourceSpans>;

const TracesData = z.object({ resourceSpans: z.array(OtlpResourceSpans).nullable().optional() });

/** GET /api/v3/traces/{id}: OTLP TracesData, bare or wrapped in `{ result }` (the gRPC gateway's stream framing). */
export const OtlpTracesResponse = z.union([z.object({ result: TracesData }).transform((r) => r.result), TracesData]);
export type OtlpTracesData = z.infer<typeof TracesData>;

/** API v3's error body, e.g. `{"error":{"httpCode":404,"message":"No traces found"}}`. */
export const OtlpErrorBody = z.object({ error: z.object({ httpCode: z.number().optional(), message: z.string() }) });
