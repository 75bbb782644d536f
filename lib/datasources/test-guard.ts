import { vi, beforeEach, afterEach } from 'vitest';
import { metrics } from '@/lib/observability/metrics';
import { httpVerdict, type UpstreamResponse } from './http';
import type { ServerDeadline } from './resilience/deadline';
import { transportFromFetch } from './transport';
import { createUpstreamGuard, type UpstreamGuardConfig } from './upstream-guard';

/**
 * Test support for the upstream guard: a guard driven with HTTP answers from a fake fetch
 * (lib/datasources/fake-fetch.ts), the upstream counters, and a fake clock for a test file.
 */

interface GuardedRequest {
  path: string;
  method?: 'GET' | 'POST';
  form?: Record<string, string>;
  idempotent?: boolean;
  signal?: AbortSignal;
  deadline?: ServerDeadline;
}

/** The answer size limit of guarded(): 1 MB. */
export const GUARDED_MAX_BYTES = 1_000_000;

/** A guard sending each request to `fetchFn` at http://prom.test, as the HTTP client does (reads: GETs and idempotent POSTs). */
export function guarded(fetchFn: typeof fetch, over: Partial<UpstreamGuardConfig> = {}) {
  const guard = createUpstreamGuard({
    name: 'prometheus',
    timeoutMs: 1_000,
    retry: { attempts: 3, budgetMs: 5_000 },
    breaker: { failureRate: 0.5, minRequests: 5, windowMs: 30_000, openMs: 10_000 },
    bulkhead: { maxConcurrent: 4, maxQueue: 2, queueTimeoutMs: 500 },
    random: () => 0.5,
    ...over,
  });
  const send = transportFromFetch(fetchFn);
  const request = (req: GuardedRequest): Promise<UpstreamResponse> => {
    const method = req.method ?? 'GET';
    const body = req.form ? new URLSearchParams(req.form).toString() : undefined;
    return guard.run({
      operation: `${method} ${req.path}`,
      attributes: {},
      headers: {},
      readOnly: method === 'GET' || req.idempotent === true,
      signal: req.signal,
      deadline: req.deadline,
      send: (signal) => send(`http://prom.test${req.path}`, { method, headers: {}, body, signal, maxBytes: GUARDED_MAX_BYTES }),
      judge: (res) => httpVerdict(res.status),
    });
  };
  return { request, breakerState: guard.breakerState, stats: guard.stats };
}

/** sightline_upstream_requests_total for one datasource and status. */
export async function upstreamCount(datasource: string, status: string): Promise<number> {
  return (await metrics().upstreamRequests.get()).values.find((v) => v.labels.datasource === datasource && v.labels.status === status)?.value ?? 0;
}

/** sightline_upstream_requests_total for one datasource, status and outcome. */
export async function outcomeCount(datasource: string, status: string, outcome: string): Promise<number> {
  return (await metrics().upstreamRequests.get()).values.find((v) => v.labels.datasource === datasource && v.labels.status === status && v.labels.outcome === outcome)?.value ?? 0;
}

/** Fake timers from a fixed instant for every test of the calling file. */
export function withFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
