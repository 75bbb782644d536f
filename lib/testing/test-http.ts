import { createHttpClient, type HttpClient, type HttpClientConfig } from '@/lib/datasources/http';
import type { DatasourceName } from '@/lib/datasources/types';

/** A datasource HTTP client with test-friendly defaults (no retries, a breaker that stays closed). */
export function testHttpClient(name: DatasourceName, baseUrl: string, over: Partial<HttpClientConfig> = {}): HttpClient {
  return createHttpClient({
    name,
    baseUrl,
    timeoutMs: 5_000,
    retry: { attempts: 1, budgetMs: 0 },
    breaker: { failureRate: 1, minRequests: 1_000, windowMs: 1_000, openMs: 1_000 },
    bulkhead: { maxConcurrent: 10, maxQueue: 10, queueTimeoutMs: 1_000 },
    cacheTtlMs: 0,
    maxResponseBytes: 64 * 1024 * 1024,
    ...over,
  });
}
