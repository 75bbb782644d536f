import { z } from 'zod';

/** Prometheus HTTP API (/api/v1) wire shapes. Times are float seconds, values are strings. */

const LabelSet = z.record(z.string(), z.string());

/** `[seconds, "value"]`; value may be "NaN", "+Inf", "-Inf". */
export const PromSamplePair = z.tuple([z.number(), z.string()]);

export const PromMatrix = z.array(z.object({ metric: LabelSet, values: z.array(PromSamplePair).default([]) }));
export type PromMatrix = z.infer<typeof PromMatrix>;

export const PromVector = z.array(z.object({ metric: LabelSet, value: PromSamplePair }));
export type PromVector = z.infer<typeof PromVector>;

export const PromQueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('matrix'), result: PromMatrix }),
  z.object({ resultType: z.literal('vector'), result: PromVector }),
  z.object({ resultType: z.literal('scalar'), result: PromSamplePair }),
  z.object({ resultType: z.literal('string'), result: PromSamplePair }),
]);
export type PromQueryData = z.infer<typeof PromQueryData>;

/** A range query's data with the result left unchecked: decodeRangeData checks it in one pass with the conversion. */
export const PromRangeData = z.object({ resultType: z.string(), result: z.unknown() });

const envelopes = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The envelope every endpoint answers with, including most 4xx/5xx answers. Built once per data
 * schema: zod compiles an object schema on its first parse, so a fresh envelope per call paid that
 * compilation on every request.
 */
export function promEnvelope<T extends z.ZodType>(data: T) {
  const known = envelopes.get(data) as ReturnType<typeof buildEnvelope<T>> | undefined;
  if (known) return known;
  const built = buildEnvelope(data);
  envelopes.set(data, built);
  return built;
}

const buildEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({
    status: z.enum(['success', 'error']),
    data: data.optional(),
    errorType: z.string().optional(),
    error: z.string().optional(),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  });

export const PromErrorBody = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() });

export const PromExemplars = z.array(
  z.object({
    seriesLabels: LabelSet,
    exemplars: z.array(z.object({ labels: LabelSet, value: z.string(), timestamp: z.number() })).default([]),
  }),
);
export type PromExemplars = z.infer<typeof PromExemplars>;

export const PromAlert = z.object({
  labels: LabelSet,
  annotations: LabelSet.default({}),
  state: z.enum(['pending', 'firing', 'inactive']),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});
export type PromAlert = z.infer<typeof PromAlert>;
export const PromAlerts = z.object({ alerts: z.array(PromAlert) });

const PromAlertingRule = z.object({
  type: z.literal('alerting'),
  name: z.string(),
  query: z.string(),
  duration: z.number().default(0),
  labels: LabelSet.default({}),
  annotations: LabelSet.default({}),
  alerts: z.array(PromAlert).default([]),
  health: z.string(),
  state: z.enum(['pending', 'firing', 'inactive']),
  lastError: z.string().optional(),
});
const PromRecordingRule = z.object({ type: z.literal('recording'), name: z.string(), query: z.string(), labels: LabelSet.optional(), health: z.string() });

export const PromRuleGroups = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      interval: z.number(),
      rules: z.array(z.discriminatedUnion('type', [PromAlertingRule, PromRecordingRule])),
    }),
  ),
});
export type PromRuleGroups = z.infer<typeof PromRuleGroups>;

export const PromLabelNames = z.array(z.string()).nullable().transform((v) => v ?? []);
export const PromSeriesList = z.array(LabelSet).nullable().transform((v) => v ?? []);
