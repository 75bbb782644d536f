import 'server-only';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AppError } from '@/lib/api/errors';
import { metrics } from '@/lib/observability/metrics';
import type { BreakerState, DatasourceName } from './types';
import { createBreaker, type BreakerConfig } from './resilience/breaker';
import { BulkheadRejection, createBulkhead, type BulkheadConfig } from './resilience/bulkhead';
import { withDeadline } from './resilience/deadline';
import { breakerOpenError, DATASOURCE_TITLES, networkError, networkErrorCode, overloadedError, timeoutError } from './resilience/upstream-errors';
import { createTtlCache } from './resilience/ttl-cache';
import { encodeParams, toAuthorization } from './request-encoding';
import { createNodeTransport, transportFromFetch, type TransportRequest } from './transport';

/**
 * The shared HTTP layer under every datasource adapter: per-request timeout combined with the
 * caller's AbortSignal, retries with exponential backoff and full jitter (read-only requests,
 * transient failures only), a circuit breaker, a bulkhead, coalescing of identical in-flight reads
 * and a short TTL cache for panel queries. Non-2xx answers are returned, not thrown: each adapter
 * knows how its upstream spells an error (see httpStatusError).
 */

export interface HttpClientConfig {
  name: DatasourceName;
  baseUrl: string;
  headers?: Record<string, string>;
  /** `basic user:pass` or `bearer token`, as written in the environment. */
  auth?: string;
  timeoutMs: number;
  retry: { attempts: number; budgetMs: number };
  breaker: BreakerConfig;
  bulkhead: BulkheadConfig;
  /** 0 disables the panel cache. */
  cacheTtlMs: number;
  /** Answers requests instead of node:http (tests: a fake, or captured fixtures). */
  fetch?: typeof fetch;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export type QueryParams = Record<string, string | number | string[] | undefined>;

export interface UpstreamRequest {
  /** Path below the base URL, e.g. `/api/v1/query_range`. */
  path: string;
  method?: 'GET' | 'POST';
  query?: QueryParams;
  /** A form-encoded body (POST). */
  form?: QueryParams;
  headers?: Record<string, string>;
  /** True for POSTs that only read (form-encoded queries): retried and coalesced like GETs. */
  idempotent?: boolean;
  /** Serve from and store in the TTL cache; the caller makes the key step-aligned. */
  cache?: boolean;
  signal?: AbortSignal;
  requestId?: string;
  /** Overrides the client's timeout for this request (never longer than the caller's budget). */
  timeoutMs?: number;
}

export interface UpstreamResponse {
  status: number;
  text: string;
}

/** Options every adapter function accepts and passes to the HTTP layer. */
export interface CallOptions {
  signal?: AbortSignal;
  requestId?: string;
  /** Use the panel TTL cache (only for step-aligned panel queries). */
  cache?: boolean;
}

const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;
const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Upstream answers are asked for unencoded. The backends sit next to the BFF (same network), where
 * compressing costs more than it saves: Prometheus spends ~0.7 ms setting up gzip for even a tiny
 * answer, then the BFF inflates it again. A datasource far away can ask for gzip through its
 * *_HEADERS setting (e.g. PROMETHEUS_HEADERS='Accept-Encoding: gzip'), which wins over this.
 */
const UPSTREAM_ACCEPT_ENCODING = 'identity';

const hasHeader = (headers: Record<string, string> | undefined, name: string) => Object.keys(headers ?? {}).some((k) => k.toLowerCase() === name);

/** Builds one datasource's client with its own breaker, bulkhead, cache and in-flight table. */
export function createHttpClient(config: HttpClientConfig) {
  const { name } = config;
  const title = DATASOURCE_TITLES[name];
  const send = config.fetch ? transportFromFetch(config.fetch) : createNodeTransport();
  const now = config.now ?? Date.now;
  const random = config.random ?? Math.random;
  const m = metrics();
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const authorization = toAuthorization(config.auth);
  const breaker = createBreaker(config.breaker, now, (s) => m.breakerState.set({ datasource: name }, BREAKER_GAUGE[s]));
  const bulkhead = createBulkhead(config.bulkhead, (inFlight, queued) => {
    m.bulkheadInFlight.set({ datasource: name }, inFlight);
    m.bulkheadQueue.set({ datasource: name }, queued);
  });
  const cache = createTtlCache<UpstreamResponse>(config.cacheTtlMs, now);
  const inFlight = new Map<string, { promise: Promise<UpstreamResponse>; controller: AbortController; waiters: number }>();
  m.breakerState.set({ datasource: name }, 0);
  const tracer = trace.getTracer('sightline-datasources');

  const count = (status: string) => m.upstreamRequests.inc({ datasource: name, status });
  const cancelled = (cause: unknown) => new AppError('UPSTREAM_TIMEOUT', `the request to ${title} was cancelled`, { cause, details: { datasource: name, cancelled: true } });

  async function sleep(ms: number, signal: AbortSignal) {
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(cancelled(signal.reason));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** One HTTP attempt under the timeout; throws AppError for timeouts and network failures. */
  async function attempt(url: string, init: Omit<TransportRequest, 'signal'>, timeoutMs: number, signal: AbortSignal): Promise<UpstreamResponse> {
    const deadline = withDeadline(signal, timeoutMs, () => new DOMException(`${title} did not answer within ${timeoutMs} ms`, 'TimeoutError'));
    const started = now();
    try {
      const res = await send(url, { ...init, signal: deadline.signal });
      count(String(res.status));
      return res;
    } catch (err) {
      if (signal.aborted) {
        count('cancelled');
        throw cancelled(err);
      }
      if (deadline.expired) {
        count('timeout');
        throw timeoutError(name, timeoutMs, err);
      }
      const code = networkErrorCode(err);
      count(code === 'ECONNREFUSED' ? 'refused' : 'network_error');
      throw networkError(name, err);
    } finally {
      deadline.dispose();
      m.upstreamDuration.observe({ datasource: name }, (now() - started) / 1000);
    }
  }

  /** Runs a request through breaker, bulkhead and retries; `signal` aborts it. */
  async function execute(req: UpstreamRequest, url: string, init: Omit<TransportRequest, 'signal'>, readOnly: boolean, signal: AbortSignal): Promise<UpstreamResponse> {
    const started = now();
    const attempts = readOnly ? config.retry.attempts : 1;
    let release: () => void;
    try {
      release = await bulkhead.acquire(signal);
    } catch (err) {
      if (err instanceof BulkheadRejection && err.reason !== 'aborted') {
        count('bulkhead_rejected');
        throw overloadedError(name, err.reason, config.bulkhead.queueTimeoutMs);
      }
      throw cancelled(err);
    }
    try {
      for (let i = 1; ; i++) {
        const decision = breaker.acquire();
        if (!decision.ok) {
          count('breaker_open');
          throw breakerOpenError(name, decision.failures, decision.retryInMs);
        }
        const delay = random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (i - 1));
        const canRetry = i < attempts && now() - started + delay < config.retry.budgetMs;
        let res: UpstreamResponse;
        try {
          res = await attempt(url, init, req.timeoutMs ?? config.timeoutMs, signal);
        } catch (err) {
          const isCancel = err instanceof AppError && (err.details as { cancelled?: boolean } | undefined)?.cancelled;
          if (isCancel) {
            breaker.release(decision.probe);
            throw err;
          }
          breaker.record(false, decision.probe);
          const code = networkErrorCode(err instanceof Error ? err.cause : err);
          if (canRetry && code && TRANSIENT_CODES.has(code)) {
            await sleep(delay, signal);
            continue;
          }
          throw err;
        }
        breaker.record(res.status < 500, decision.probe);
        if (canRetry && TRANSIENT_STATUS.has(res.status)) {
          await sleep(delay, signal);
          continue;
        }
        return res;
      }
    } finally {
      release();
    }
  }

  /** Joins (or starts) the in-flight call for `key`; the upstream call is aborted only when every waiter left. */
  function coalesce(key: string, start: (signal: AbortSignal) => Promise<UpstreamResponse>, signal: AbortSignal | undefined): Promise<UpstreamResponse> {
    let entry = inFlight.get(key);
    if (entry) m.coalesced.inc({ datasource: name });
    else {
      const controller = new AbortController();
      const promise = start(controller.signal).finally(() => inFlight.delete(key));
      entry = { promise, controller, waiters: 0 };
      inFlight.set(key, entry);
    }
    const e = entry;
    e.waiters++;
    if (!signal) return e.promise;
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const onAbort = () => {
        e.waiters--;
        if (e.waiters === 0) e.controller.abort(signal.reason);
        reject(cancelled(signal.reason));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      e.promise.then(
        (r) => (signal.removeEventListener('abort', onAbort), resolve(r)),
        (err: unknown) => (signal.removeEventListener('abort', onAbort), reject(err)),
      );
    });
  }

  /** Sends one request; resolves with the final answer (any status) or throws an AppError. */
  async function request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const method = req.method ?? 'GET';
    const qs = encodeParams(req.query);
    const url = `${baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
    const body = req.form ? encodeParams(req.form) : undefined;
    const readOnly = method === 'GET' || req.idempotent === true;
    const key = `${method} ${url} ${body ?? ''}`;
    const useCache = readOnly && req.cache === true && config.cacheTtlMs > 0;
    if (useCache) {
      const hit = cache.get(key);
      m.cacheRequests.inc({ datasource: name, result: hit ? 'hit' : 'miss' });
      if (hit) return hit;
    }
    const headers: Record<string, string> = { accept: 'application/json', ...config.headers, ...req.headers };
    if (!hasHeader(headers, 'accept-encoding')) headers['accept-encoding'] = UPSTREAM_ACCEPT_ENCODING;
    if (authorization) headers.authorization = authorization;
    if (req.requestId) headers['x-request-id'] = req.requestId;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    const run = (signal: AbortSignal) =>
      tracer.startActiveSpan(`${name} ${method} ${req.path}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.full': url, 'sightline.datasource': name } }, async (span) => {
        propagation.inject(context.active(), headers);
        try {
          const res = await execute(req, url, { method, headers, body }, readOnly, signal);
          span.setAttribute('http.response.status_code', res.status);
          if (res.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          if (useCache && res.status < 300) cache.set(key, res);
          return res;
        } catch (err) {
          span.recordException(err instanceof Error ? err : String(err));
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
          throw err;
        } finally {
          span.end();
        }
      });

    if (readOnly) return coalesce(key, run, req.signal);
    return run(req.signal ?? new AbortController().signal);
  }

  return {
    name,
    baseUrl,
    request,
    /** The breaker's state now (open turns half-open once its period is over). */
    breakerState: (): BreakerState => breaker.state(),
    /** Bulkhead and in-flight figures, for readiness and tests. */
    stats: () => ({ ...bulkhead.stats(), coalescing: inFlight.size, cached: cache.size() }),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
