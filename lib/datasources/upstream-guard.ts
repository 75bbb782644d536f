import 'server-only';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Attributes } from '@opentelemetry/api';
import { AppError } from '@/lib/api/errors';
import { metrics } from '@/lib/observability/metrics';
import type { BreakerState, DatasourceName } from './types';
import { createBreaker, type BreakerConfig } from './resilience/breaker';
import { BulkheadRejection, createBulkhead, type BulkheadConfig } from './resilience/bulkhead';
import { withDeadline, type Deadline, type ServerDeadline } from './resilience/deadline';
import { AnswerTooLargeError, breakerOpenError, cancelledError, DATASOURCE_TITLES, isCancelled, networkError, networkErrorCode, overloadedError, timeoutError, tooLargeError } from './resilience/upstream-errors';

/**
 * What every upstream call of a datasource goes through, whatever carries it (HTTP in http.ts,
 * Jaeger's gRPC in jaeger/grpc.ts): a span with trace context and x-request-id sent upstream,
 * a circuit breaker, a bulkhead, per-attempt timeouts, retries of reads within a time budget, a
 * server deadline apart from the caller's abort, and the upstream metrics. The transport only sends
 * one attempt and returns its answer; `judge` says what the answer means.
 */

export interface UpstreamGuardConfig {
  name: DatasourceName;
  /** Each attempt's time limit (a retry gets at most what is left of the retry budget). */
  timeoutMs: number;
  /** Reads are tried up to `attempts` times while the whole call stays within `budgetMs`. */
  retry: { attempts: number; budgetMs: number };
  breaker: BreakerConfig;
  bulkhead: BulkheadConfig;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/** What one answer means to the guard. */
export interface AnswerVerdict {
  /** The `status` label of sightline_upstream_requests_total (an HTTP status, `grpc_5`...). */
  status: string;
  /** A success on the breaker's books (a 4xx is the caller's mistake, not the upstream's failure). */
  ok: boolean;
  /** Worth retrying (a read only): the upstream said it is briefly unable to answer. */
  transient: boolean;
  /**
   * The upstream refused the query itself (invalid or absent: a 4xx but 401/403/408/429, gRPC
   * INVALID_ARGUMENT or NOT_FOUND): the caller's mistake, counted `outcome="refused"`, not a failure.
   */
  refused: boolean;
  /** Added to the span (e.g. http.response.status_code). */
  attributes: Attributes;
  /** Marks the span as failed. */
  error: boolean;
}

/** One call to guard. */
export interface GuardedCall<R> {
  /** The span name after the datasource's: method (or protocol) and a path template, never ids, e.g. `GET /api/traces/{traceId}`. */
  operation: string;
  /** Span attributes, a literal of this call's own (the guard adds `sightline.datasource` to it); URLs in them carry no userinfo (stripUrlUserinfo). */
  attributes: Attributes;
  /** Headers (or gRPC metadata) sent upstream, read by `send` at each attempt; trace context and x-request-id are added here. */
  headers: Record<string, string>;
  requestId?: string;
  /** Reads are retried on transient failures; anything else is tried once. */
  readOnly: boolean;
  /** At most this many attempts even for a read (1: the caller has its own fallback). */
  maxAttempts?: number;
  /** Overrides the datasource's per-attempt timeout. */
  timeoutMs?: number;
  /** The caller's abort: the call is cancelled (counted `cancelled`, not a breaker failure). */
  signal?: AbortSignal;
  /** The server's own time box: running out is a timeout and a breaker failure. */
  deadline?: ServerDeadline;
  /** Sends one attempt; `signal` aborts it, `timeoutMs` is its limit (for protocols that pass it upstream). Throws only when no answer came. */
  send(signal: AbortSignal, timeoutMs: number): Promise<R>;
  judge(answer: R): AnswerVerdict;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;
const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };
const NEVER_ABORTED = new AbortController().signal;

/**
 * The `outcome` label of sightline_upstream_requests_total, next to `status`: `failure` is everything
 * that counts against the datasource (5xx, 401/403/408/429, gRPC server failures, timeouts, network
 * errors, open breakers, full bulkheads), `refused` a query it refused (AnswerVerdict.refused) or
 * whose answer was too large to read, `cancelled` a caller that went away. The panel "Upstream
 * failure ratio" reads it.
 */
type CountedOutcome = 'ok' | 'refused' | 'failure' | 'cancelled';

/** The outcome of an answer; every other count is a failure or a cancellation. */
const toCountedOutcome = (v: AnswerVerdict): CountedOutcome => (v.refused ? 'refused' : v.error ? 'failure' : 'ok');

/** The outcomes of the counts with no answer that are not failures (status label → outcome label). */
const NOT_FAILURES: Record<string, CountedOutcome> = { cancelled: 'cancelled', too_large: 'refused' };

/**
 * One attempt's outcome: an answer (any status), or a failure already mapped to an AppError;
 * `refused` when the datasource answered but the request asked for too much (not on the breaker's books).
 */
type Outcome<R> =
  | { kind: 'answer'; answer: R; verdict: AnswerVerdict }
  | { kind: 'failed'; error: AppError; cancelled: boolean; expired: boolean; transient: boolean; refused: boolean };

/** Builds one datasource's guard: its breaker (and gauge), bulkhead and metrics. */
export function createUpstreamGuard(config: UpstreamGuardConfig) {
  const { name } = config;
  const title = DATASOURCE_TITLES[name];
  const now = config.now ?? Date.now;
  const random = config.random ?? Math.random;
  const m = metrics();
  const breaker = createBreaker(config.breaker, now, (s) => m.breakerState.set({ datasource: name }, BREAKER_GAUGE[s]));
  const bulkhead = createBulkhead(config.bulkhead, (inFlight, queued) => {
    m.bulkheadInFlight.set({ datasource: name }, inFlight);
    m.bulkheadQueue.set({ datasource: name }, queued);
  });
  m.breakerState.set({ datasource: name }, 0);
  const tracer = trace.getTracer('sightline-datasources');
  /** Counts one call or attempt: an answer's outcome is its verdict's, else NOT_FAILURES' or a failure. */
  const count = (status: string, verdict?: AnswerVerdict) =>
    m.upstreamRequests.inc({ datasource: name, status, outcome: verdict ? toCountedOutcome(verdict) : (NOT_FAILURES[status] ?? 'failure') });

  /** Why the call as a whole stopped: the server's deadline passed (a timeout), else the caller left. */
  const stopped = (call: GuardedCall<unknown>, box: Deadline | null, cause: unknown): AppError =>
    box?.expired && !call.signal?.aborted && call.deadline ? timeoutError(name, call.deadline.ms, cause) : cancelledError(name, cause);

  async function sleep(ms: number, signal: AbortSignal, onAbort: (reason: unknown) => AppError) {
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const abort = () => {
        clearTimeout(t);
        reject(onAbort(signal.reason));
      };
      const t = setTimeout(() => {
        signal.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal.addEventListener('abort', abort, { once: true });
    });
  }

  /**
   * One attempt within `limitMs` (named `limitLabelMs` in the timeout message). `signal` is the
   * whole call's (the caller's abort and the server deadline): when it fired, the call stopped;
   * when only the attempt's own limit passed, the attempt timed out.
   */
  async function attempt<R>(call: GuardedCall<R>, signal: AbortSignal, box: Deadline | null, limitMs: number, limitLabelMs: number): Promise<Outcome<R>> {
    const timer = withDeadline(signal, limitMs, () => new DOMException(`${title} did not answer within ${limitLabelMs} ms`, 'TimeoutError'));
    const started = now();
    try {
      const answer = await call.send(timer.signal, limitMs);
      const verdict = call.judge(answer);
      count(verdict.status, verdict);
      return { kind: 'answer', answer, verdict };
    } catch (err) {
      if (signal.aborted) {
        const error = stopped(call, box, err);
        const cancelled = isCancelled(error);
        count(cancelled ? 'cancelled' : 'timeout');
        return { kind: 'failed', error, cancelled, expired: false, transient: false, refused: false };
      }
      if (timer.expired) {
        count('timeout');
        return { kind: 'failed', error: timeoutError(name, limitLabelMs, err), cancelled: false, expired: true, transient: false, refused: false };
      }
      if (err instanceof AnswerTooLargeError) {
        count('too_large');
        return { kind: 'failed', error: tooLargeError(name, err.limitBytes), cancelled: false, expired: false, transient: false, refused: true };
      }
      const code = networkErrorCode(err);
      count(code === 'ECONNREFUSED' ? 'refused' : 'network_error');
      return { kind: 'failed', error: err instanceof AppError ? err : networkError(name, err), cancelled: false, expired: false, transient: code !== null && TRANSIENT_CODES.has(code), refused: false };
    } finally {
      timer.dispose();
      m.upstreamDuration.observe({ datasource: name }, (now() - started) / 1000);
    }
  }

  const settle = <R>(o: Outcome<R>): { answer: R; verdict: AnswerVerdict } => {
    if (o.kind === 'failed') throw o.error;
    return { answer: o.answer, verdict: o.verdict };
  };

  /**
   * Attempts under the breaker, retrying transient failures of reads. The whole call is bounded: a
   * retry starts only while the retry budget has time left after the failed attempt and its backoff,
   * and gets at most that time as its limit (the first attempt keeps its full timeout), so a read
   * takes at most max(timeout, budget) plus its wait for a bulkhead slot.
   */
  async function attempts<R>(call: GuardedCall<R>, signal: AbortSignal, box: Deadline | null, started: number): Promise<{ answer: R; verdict: AnswerVerdict }> {
    const most = call.readOnly ? Math.min(config.retry.attempts, call.maxAttempts ?? Infinity) : 1;
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const { budgetMs } = config.retry;
    let previous: Outcome<R> | null = null;
    for (let i = 1; ; i++) {
      const decision = breaker.acquire();
      if (!decision.ok) {
        count('breaker_open');
        throw breakerOpenError(name, decision.failures, decision.retryInMs);
      }
      const left = budgetMs - (now() - started);
      const byBudget: boolean = previous !== null && left < timeoutMs;
      const outcome: Outcome<R> = await attempt(call, signal, box, byBudget ? left : timeoutMs, byBudget ? budgetMs : timeoutMs);
      if (outcome.kind === 'failed' && outcome.cancelled) {
        breaker.release(decision.probe);
        throw outcome.error;
      }
      // A too-large answer came from a working datasource: a success on the breaker's books.
      breaker.record(outcome.kind === 'answer' ? outcome.verdict.ok : outcome.refused, decision.probe);
      // A retry cut short by the budget says less than the attempt before it: report that one.
      if (previous && byBudget && outcome.kind === 'failed' && outcome.expired) return settle(previous);
      if ((outcome.kind === 'answer' ? outcome.verdict.transient : outcome.transient) && i < most) {
        const delay = random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (i - 1));
        const t = now();
        if (t - started + delay < budgetMs && (!call.deadline || t + delay < call.deadline.at)) {
          previous = outcome;
          await sleep(delay, signal, (reason) => stopped(call, box, reason));
          continue;
        }
      }
      return settle(outcome);
    }
  }

  /** Runs a call through bulkhead, breaker and retries, under the caller's signal and the server's deadline. */
  async function execute<R>(call: GuardedCall<R>): Promise<{ answer: R; verdict: AnswerVerdict }> {
    const started = now();
    const { deadline } = call;
    if (deadline && deadline.at <= started) {
      count('timeout');
      throw timeoutError(name, deadline.ms);
    }
    // One signal for the whole call: the caller's abort or the server's deadline, whichever first.
    const box = deadline ? withDeadline(call.signal, deadline.at - started, () => new DOMException(`${title} did not answer within ${deadline.ms} ms`, 'TimeoutError')) : null;
    const signal = box?.signal ?? call.signal ?? NEVER_ABORTED;
    try {
      let release: () => void;
      try {
        release = await bulkhead.acquire(signal);
      } catch (err) {
        if (err instanceof BulkheadRejection && err.reason !== 'aborted') {
          count('bulkhead_rejected');
          throw overloadedError(name, err.reason, config.bulkhead.queueTimeoutMs);
        }
        const error = stopped(call, box, err);
        if (!isCancelled(error)) count('timeout');
        throw error;
      }
      try {
        return await attempts(call, signal, box, started);
      } finally {
        release();
      }
    } finally {
      box?.dispose();
    }
  }

  /** Runs one guarded call in its own client span; resolves with the answer (any status) or throws an AppError. */
  function run<R>(call: GuardedCall<R>): Promise<R> {
    // Into the call's own attributes (each call builds its literal), as its headers get trace context: no copy per call.
    call.attributes['sightline.datasource'] = name;
    return tracer.startActiveSpan(`${name} ${call.operation}`, { kind: SpanKind.CLIENT, attributes: call.attributes }, async (span) => {
      propagation.inject(context.active(), call.headers);
      if (call.requestId) call.headers['x-request-id'] = call.requestId;
      try {
        const { answer, verdict } = await execute(call);
        span.setAttributes(verdict.attributes);
        if (verdict.error) span.setStatus({ code: SpanStatusCode.ERROR });
        return answer;
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  return {
    run,
    /** The breaker's state now. */
    breakerState: (): BreakerState => breaker.state(),
    /** Bulkhead figures. */
    stats: () => bulkhead.stats(),
  };
}
