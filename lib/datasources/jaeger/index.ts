import 'server-only';
import { env } from '@/lib/env';
import { toAuthorization } from '../request-encoding';
import { httpClientFor } from '../registry';
import { createJaegerClient, type JaegerClient } from './client';

export { createJaegerClient, GO_DURATION, TRACE_ID, type JaegerClient, type TraceSearch } from './client';
export { toTrace, toTraceSummary } from './to-trace';
export { toCompactTraceFromOtlp } from './otlp-to-compact-trace';

const g = globalThis as typeof globalThis & { __sightlineJaeger?: JaegerClient };

/** The process-wide Jaeger adapter configured from the environment. */
export function jaeger(): JaegerClient {
  if (!g.__sightlineJaeger) {
    const e = env();
    const authorization = toAuthorization(e.JAEGER_AUTH);
    const grpc = e.JAEGER_GRPC_URL ? { url: e.JAEGER_GRPC_URL, headers: { ...e.JAEGER_HEADERS, ...(authorization ? { authorization } : {}) }, timeoutMs: e.JAEGER_TIMEOUT_MS, maxResponseBytes: e.DATASOURCE_MAX_RESPONSE_BYTES } : undefined;
    g.__sightlineJaeger = createJaegerClient({ http: httpClientFor('jaeger'), grpc });
  }
  return g.__sightlineJaeger;
}
