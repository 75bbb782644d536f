/**
 * Generates a synthetic trace and pushes it into a real Jaeger over OTLP/HTTP JSON.
 *
 *   tsx scripts/bench/gen-trace.ts --spans 10000 [--seed 7] [--url http://127.0.0.1:4318]
 *
 * Prints the trace id on stdout. The URL defaults to $JAEGER_OTLP_URL, else http://127.0.0.1:4318.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { KeyValue, Trace } from '@/lib/datasources/types';
import { generateSyntheticTrace } from './synthetic-trace';

export { generateSyntheticTrace, type SyntheticTraceOptions } from './synthetic-trace';

/** Spans per OTLP request: keeps each body a few MB, well under collector limits. */
export const DEFAULT_CHUNK_SPANS = 2000;

const OTLP_KIND = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

function toOtlpValue(v: KeyValue['value']) {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

const toOtlpAttributes = (kvs: KeyValue[]) => kvs.map((kv) => ({ key: kv.key, value: toOtlpValue(kv.value) }));

/** Microseconds → decimal nanoseconds, exact (a double cannot hold epoch nanoseconds). */
const toNanos = (micros: number) => (BigInt(Math.round(micros)) * 1000n).toString();

/** Converts a domain trace into OTLP/HTTP JSON export requests of at most `chunkSpans` spans each. */
export function toOtlpRequests(trace: Trace, chunkSpans = DEFAULT_CHUNK_SPANS): unknown[] {
  const requests: unknown[] = [];
  for (let from = 0; from < trace.spans.length; from += chunkSpans) {
    const byService = new Map<string, Trace['spans']>();
    for (const s of trace.spans.slice(from, from + chunkSpans)) {
      const list = byService.get(s.service);
      if (list) list.push(s);
      else byService.set(s.service, [s]);
    }
    requests.push({
      resourceSpans: [...byService].map(([service, spans]) => ({
        resource: { attributes: toOtlpAttributes(spans[0]!.resource.length ? spans[0]!.resource : [{ key: 'service.name', value: service }]) },
        scopeSpans: [{
          scope: { name: 'sightline-bench' },
          spans: spans.map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
            name: s.operation,
            kind: OTLP_KIND[s.kind],
            startTimeUnixNano: toNanos(s.startMicros),
            endTimeUnixNano: toNanos(s.startMicros + s.durationMicros),
            attributes: toOtlpAttributes(s.attributes),
            status: s.error ? { code: 2, message: 'synthetic failure' } : { code: 1 },
          })),
        }],
      })),
    });
  }
  return requests;
}

/** POSTs a trace to `<otlpUrl>/v1/traces` in chunks; throws with the collector's answer on failure. */
export async function pushTrace(trace: Trace, otlpUrl: string, chunkSpans = DEFAULT_CHUNK_SPANS): Promise<void> {
  const url = new URL('/v1/traces', otlpUrl).toString();
  for (const body of toOtlpRequests(trace, chunkSpans)) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`OTLP export to ${url} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}

const ArgsSchema = z.object({
  spans: z.coerce.number().int().min(1).max(500_000),
  seed: z.coerce.number().int().default(1),
  url: z.url(),
  chunk: z.coerce.number().int().min(1).default(DEFAULT_CHUNK_SPANS),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { spans: { type: 'string', default: '1000' }, seed: { type: 'string' }, url: { type: 'string' }, chunk: { type: 'string' } },
  });
  // A development script, not the app: it reads its one setting here rather than through lib/env.
  const args = ArgsSchema.parse({ ...values, url: values.url ?? process.env.JAEGER_OTLP_URL ?? 'http://127.0.0.1:4318' });
  const trace = generateSyntheticTrace({ spanCount: args.spans, seed: args.seed });
  await pushTrace(trace, args.url, args.chunk);
  process.stdout.write(`${trace.traceId}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`gen-trace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
