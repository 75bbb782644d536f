import { z } from 'zod';
import { PromMatrix } from '../prometheus/schemas';

/** Loki HTTP API (/loki/api/v1) wire shapes. Entry timestamps are nanoseconds as strings. */

const LabelSet = z.record(z.string(), z.string());

/** With `categorize-labels`: structured metadata and parsed labels travel beside each line. */
const LokiEntryMeta = z.object({ structuredMetadata: LabelSet.optional(), parsed: LabelSet.optional() });

export const LokiEntry = z.union([z.tuple([z.string(), z.string()]), z.tuple([z.string(), z.string(), LokiEntryMeta])]);

export const LokiStreams = z.array(z.object({ stream: LabelSet, values: z.array(LokiEntry) }));
export type LokiStreams = z.infer<typeof LokiStreams>;

export const LokiQueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('streams'), result: LokiStreams, encodingFlags: z.array(z.string()).optional() }),
  z.object({ resultType: z.literal('matrix'), result: PromMatrix }),
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: LabelSet, value: z.tuple([z.number(), z.string()]) })) }),
]);
export type LokiQueryData = z.infer<typeof LokiQueryData>;

export const LokiQueryResponse = z.object({ status: z.string(), data: LokiQueryData, warnings: z.array(z.string()).optional() });

// An empty Loki answers labels without `data` at all (seen on Loki 3.7 with no streams yet).
export const LokiLabels = z.object({ status: z.string(), data: z.array(z.string()).nullish().transform((v) => v ?? []) });
