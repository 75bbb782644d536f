import 'server-only';
import { httpClientFor } from '../registry';
import { createJaegerClient, type JaegerClient } from './client';

export { createJaegerClient, GO_DURATION, TRACE_ID, type JaegerClient, type TraceSearch } from './client';
export { toTrace, toTraceSummary } from './to-trace';
export { toCompactTraceFromOtlp } from './otlp-to-compact-trace';

const g = globalThis as typeof globalThis & { __sightlineJaeger?: JaegerClient };

/** The process-wide Jaeger adapter configured from the environment. */
export function jaeger(): JaegerClient {
  g.__sightlineJaeger ??= createJaegerClient({ http: httpClientFor('jaeger') });
  return g.__sightlineJaeger;
}
