import 'server-only';
import { AppError } from '@/lib/api/errors';
import { alertmanager } from './alertmanager';
import { jaeger } from './jaeger';
import { loki } from './loki';
import { prometheus } from './prometheus';
import { httpClientFor } from './registry';
import { deadlineIn } from './resilience/deadline';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';
import type { CallOptions } from './http';
import type { DatasourceHealth, DatasourceName } from './types';

/** How long a readiness probe waits for each datasource. */
export const HEALTH_TIMEOUT_MS = 2_000;

const probes: Record<DatasourceName, (opts: CallOptions) => Promise<unknown>> = {
  prometheus: (o) => prometheus().ready(o),
  alertmanager: (o) => alertmanager().ready(o),
  jaeger: (o) => jaeger().services(o),
  loki: (o) => loki().ready(o),
};

/**
 * Checks every datasource in parallel through its client (so an open breaker answers at once). The
 * probe's time box is a server deadline, not the caller's signal: a datasource that does not answer
 * within it timed out (a failure on its breaker's books), while the caller going away cancels.
 */
export async function checkDatasources(requestId: string, signal?: AbortSignal): Promise<DatasourceHealth[]> {
  return Promise.all(
    (Object.keys(probes) as DatasourceName[]).map(async (name) => {
      const started = performance.now();
      let message: string | null = null;
      try {
        await probes[name]({ requestId, signal, deadline: deadlineIn(HEALTH_TIMEOUT_MS) });
      } catch (err) {
        message = stripUrlUserinfo(err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err));
      }
      return { name, ok: message === null, latencyMs: Math.round(performance.now() - started), breaker: httpClientFor(name).breakerState(), message };
    }),
  );
}
