import 'server-only';
import { AppError } from '@/lib/api/errors';
import { metrics } from '@/lib/observability/metrics';
import type { ServerDeadline } from './resilience/deadline';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';
import { cancelledError } from './resilience/upstream-errors';
import { createTtlCache } from './resilience/ttl-cache';
import { encodeParams, toAuthorization } from './request-encoding';
import { createNodeTransport, transportFromFetch } from './transport';
import { createUpstreamGuard, type AnswerVerdict, type UpstreamGuardConfig } from './upstream-guard';

/**
 * The shared HTTP layer under every datasource adapter. Around each request it adds what only HTTP
 * needs: URLs, headers and auth, coalescing of identical in-flight reads and a short TTL cache for
 * panel queries; timeouts, retries, breaker, bulkhead, span and metrics come from the datasource's
 * guard (upstream-guard.ts), which other transports (Jaeger's gRPC) share through `call`. Non-2xx
 * answers are returned, not thrown: each adapter knows how its upstream spells an error (see
 * httpStatusError).
 */

export interface HttpClientConfig extends UpstreamGuardConfig {
  baseUrl: string;
  headers?: Record<string, string>;
  /** `basic user:pass` or `bearer token`, as written in the environment. */
  auth?: string;
  /** 0 disables the panel cache. */
  cacheTtlMs: number;
  /** The most bytes of one answer read (DATASOURCE_MAX_RESPONSE_BYTES); a larger one fails with UPSTREAM_TOO_LARGE. */
  maxResponseBytes: number;
  /** Answers requests instead of node:http (tests: a fake, or captured fixtures). */
  fetch?: typeof fetch;
}

export type QueryParams = Record<string, string | number | string[] | undefined>;

export interface UpstreamRequest {
  /**
   * Path below the base URL, as a template: `/api/traces/{traceId}` with `pathParams: { traceId }`.
   * The template names the span (one operation per endpoint, not per id); the filled-in path goes
   * upstream and into the span's url.full.
   */
  path: string;
  /** Values for the path template's `{name}` placeholders, URL-encoded when filled in. */
  pathParams?: Record<string, string>;
  method?: 'GET' | 'POST';
  query?: QueryParams;
  /** A form-encoded body (POST). */
  form?: QueryParams;
  headers?: Record<string, string>;
  /** True for POSTs that only read (form-encoded queries): retried and coalesced like GETs. */
  idempotent?: boolean;
  /** Serve from and store in the TTL cache; the caller makes the key step-aligned. */
  cache?: boolean;
  /** Whether a 2xx answer may be cached (default: every 2xx); an adapter refuses one that is an error in disguise. */
  cacheIf?: (res: UpstreamResponse) => boolean;
  /** The caller's abort (a cancellation). */
  signal?: AbortSignal;
  /** A deadline the server set (readiness, explore): running out is a timeout. */
  deadline?: ServerDeadline;
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
  /** The caller's abort (the browser went away): the call is cancelled. */
  signal?: AbortSignal;
  /** A time box the server sets itself (readiness, explore): running out of it is a timeout. */
  deadline?: ServerDeadline;
  requestId?: string;
  /** Use the panel TTL cache (only for step-aligned panel queries). */
  cache?: boolean;
}

const TRANSIENT_STATUS = new Set([502, 503, 504]);

/**
 * Upstream answers are asked for unencoded. The backends sit next to the BFF (same network), where
 * compressing costs more than it saves: Prometheus spends ~0.7 ms setting up gzip for even a tiny
 * answer, then the BFF inflates it again. A datasource far away can ask for gzip through its
 * *_HEADERS setting (e.g. PROMETHEUS_HEADERS='Accept-Encoding: gzip'), which wins over this.
 */
const UPSTREAM_ACCEPT_ENCODING = 'identity';

const hasHeader = (headers: Record<string, string> | undefined, name: string) => Object.keys(headers ?? {}).some((k) => k.toLowerCase() === name);

/** 4xx answers that are the datasource's failure, not a query it refused: credentials, its own timeout, its rate limit. */
const FAILED_4XX = new Set([401, 403, 408, 429]);

/**
 * What an HTTP status means to the guard (also for a non-gRPC answer from a gRPC port): 5xx fail on
 * the breaker's books, 502-504 are worth a retry, other 4xx than FAILED_4XX are refused queries.
 */
export function httpVerdict(status: number): AnswerVerdict {
  return {
    status: String(status),
    ok: status < 500,
    transient: TRANSIENT_STATUS.has(status),
    refused: status >= 400 && status < 500 && !FAILED_4XX.has(status),
    attributes: { 'http.response.status_code': status },
    error: status >= 400,
  };
}

const judgeHttp = (res: UpstreamResponse): AnswerVerdict => httpVerdict(res.status);

/** Fills a path template's `{name}` placeholders, URL-encoded. */
function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new AppError('INTERNAL', `no value for {${key}} in the upstream path ${template}`);
    return encodeURIComponent(value);
  });
}

/** Builds one datasource's client with its own guard (breaker, bulkhead), cache and in-flight table. */
export function createHttpClient(config: HttpClientConfig) {
  const { name } = config;
  const send = config.fetch ? transportFromFetch(config.fetch) : createNodeTransport();
  const m = metrics();
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  // What spans show: the base URL without its userinfo (credentials stay in the URL sent upstream).
  const shownBaseUrl = stripUrlUserinfo(baseUrl);
  const authorization = toAuthorization(config.auth);
  const guard = createUpstreamGuard(config);
  const cache = createTtlCache<UpstreamResponse>(config.cacheTtlMs, config.now);
  const inFlight = new Map<string, { promise: Promise<UpstreamResponse>; controller: AbortController; waiters: number }>();

  /** Joins (or starts) the in-flight call for `key`; the upstream call is aborted only when every waiter left. */
  function coalesce(key: string, start: (signal: AbortSignal) => Promise<UpstreamResponse>, signal: AbortSignal | undefined): Promise<UpstreamResponse> {
    // A caller that already left starts nothing: a call started for nobody would be aborted at once
    // and reject with no one to hear it.
    if (signal?.aborted) return Promise.reject(cancelledError(name, signal.reason));
    let entry = inFlight.get(key);
    if (entry) m.coalesced.inc({ datasource: name });
    else {
      const controller = new AbortController();
      // Only this call's own entry: a newer call under the same key may have taken its place. (The
      // callback runs once the call settles, after `created` is initialised.)
      const created = { promise: start(controller.signal).finally(() => inFlight.get(key) === created && inFlight.delete(key)), controller, waiters: 0 };
      entry = created;
      inFlight.set(key, entry);
    }
    const e = entry;
    e.waiters++;
    if (!signal) return e.promise;
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const onAbort = () => {
        e.waiters--;
        if (e.waiters === 0) {
          // Out of the table before it is aborted: an identical request from now on starts afresh
          // instead of joining a call that is being cancelled.
          if (inFlight.get(key) === e) inFlight.delete(key);
          e.controller.abort(signal.reason);
        }
        reject(cancelledError(name, signal.reason));
      };
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
    // No template to fill (most requests): skip the regex. A placeholder without params still throws in fillPath.
    const path = req.pathParams || req.path.includes('{') ? fillPath(req.path, req.pathParams) : req.path;
    const pathAndQuery = qs ? `${path}?${qs}` : path;
    const url = `${baseUrl}${pathAndQuery}`;
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
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    // Called once per request (directly, or by coalesce for the call it starts), so one literal per request.
    const run = (signal: AbortSignal | undefined): Promise<UpstreamResponse> => {
      const answered = guard.run({
        operation: `${method} ${req.path}`,
        attributes: { 'http.request.method': method, 'url.full': `${shownBaseUrl}${pathAndQuery}` },
        headers,
        requestId: req.requestId,
        readOnly,
        timeoutMs: req.timeoutMs,
        signal,
        deadline: req.deadline,
        send: (attemptSignal) => send(url, { method, headers, body, signal: attemptSignal, maxBytes: config.maxResponseBytes }),
        judge: judgeHttp,
      });
      if (!useCache) return answered;
      return answered.then((res) => {
        if (res.status < 300 && (req.cacheIf?.(res) ?? true)) cache.set(key, res);
        return res;
      });
    };
    // Identical reads share one call when they run under the same kind of time box: none, or a
    // server deadline of the same length (every explore query's, every readiness probe's). A joiner
    // then has the first caller's deadline, which passes at most as long before its own as it came
    // after that caller. A read under another time box never joins: it would wait for the wrong one.
    if (readOnly) return coalesce(req.deadline ? `${key} deadline=${req.deadline.ms}` : key, run, req.signal);
    return run(req.signal);
  }

  return {
    name,
    baseUrl,
    request,
    /** Runs a call over another transport (Jaeger's gRPC) through this datasource's breaker, bulkhead, retries, span and metrics. */
    call: guard.run,
    /** The breaker's state now (open turns half-open once its period is over). */
    breakerState: guard.breakerState,
    /** Bulkhead and in-flight figures, for readiness and tests. */
    stats: () => ({ ...guard.stats(), coalescing: inFlight.size, cached: cache.size() }),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
