import 'server-only';
import { env } from '@/lib/env';
import { httpClientFor } from '../registry';
import { createLokiClient, type LokiClient } from './client';

export { createLokiClient, LOKI_SERVER_ENTRY_CAP, type LokiClient, type LogQuery } from './client';
export { runLogQl, type LogQlResult } from './run-logql';
export { toLogEntries, toLogLevel, nsToUnixMs } from './to-log-entries';

const g = globalThis as typeof globalThis & { __sightlineLoki?: LokiClient };

/** The process-wide Loki adapter configured from the environment. */
export function loki(): LokiClient {
  g.__sightlineLoki ??= createLokiClient({ http: httpClientFor('loki'), serverCap: env().LOKI_MAX_ENTRIES });
  return g.__sightlineLoki;
}
