import 'server-only';
import { env, type Env } from '@/lib/env';
import { createHttpClient, type HttpClient } from './http';
import type { DatasourceName } from './types';

/**
 * One HTTP client per datasource per process, built from env() on first use and kept on globalThis
 * so that breaker, bulkhead, cache and in-flight state survive Next's dev-mode module reloads.
 */

const g = globalThis as typeof globalThis & { __sightlineHttp?: Partial<Record<DatasourceName, HttpClient>> };

const settings = (e: Env, name: DatasourceName) => {
  switch (name) {
    case 'prometheus':
      return { baseUrl: e.PROMETHEUS_URL, auth: e.PROMETHEUS_AUTH, headers: e.PROMETHEUS_HEADERS, timeoutMs: e.PROMETHEUS_TIMEOUT_MS };
    case 'alertmanager':
      return { baseUrl: e.ALERTMANAGER_URL, auth: e.ALERTMANAGER_AUTH, headers: e.ALERTMANAGER_HEADERS, timeoutMs: e.ALERTMANAGER_TIMEOUT_MS };
    case 'jaeger':
      return { baseUrl: e.JAEGER_URL, auth: e.JAEGER_AUTH, headers: e.JAEGER_HEADERS, timeoutMs: e.JAEGER_TIMEOUT_MS };
    case 'loki':
      return { baseUrl: e.LOKI_URL, auth: e.LOKI_AUTH, headers: e.LOKI_HEADERS, timeoutMs: e.LOKI_TIMEOUT_MS };
  }
};

/** The process-wide HTTP client of one datasource. */
export function httpClientFor(name: DatasourceName): HttpClient {
  g.__sightlineHttp ??= {};
  const existing = g.__sightlineHttp[name];
  if (existing) return existing;
  const e = env();
  const client = createHttpClient({
    name,
    ...settings(e, name),
    retry: { attempts: e.DATASOURCE_RETRY_ATTEMPTS, budgetMs: e.DATASOURCE_RETRY_BUDGET_MS },
    breaker: { failureRate: e.DATASOURCE_BREAKER_FAILURE_RATE, minRequests: e.DATASOURCE_BREAKER_MIN_REQUESTS, windowMs: e.DATASOURCE_BREAKER_WINDOW_MS, openMs: e.DATASOURCE_BREAKER_OPEN_MS },
    bulkhead: { maxConcurrent: e.DATASOURCE_MAX_CONCURRENT, maxQueue: e.DATASOURCE_MAX_QUEUE, queueTimeoutMs: e.DATASOURCE_QUEUE_TIMEOUT_MS },
    cacheTtlMs: e.PANEL_CACHE_TTL_MS,
    maxResponseBytes: e.DATASOURCE_MAX_RESPONSE_BYTES,
  });
  g.__sightlineHttp[name] = client;
  return client;
}
