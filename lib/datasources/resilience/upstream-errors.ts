import { AppError } from '@/lib/api/errors';
import type { DatasourceName } from '../types';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';

/** Display names used in every message a user may read. */
export const DATASOURCE_TITLES: Record<DatasourceName, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  jaeger: 'Jaeger',
  loki: 'Loki',
};

/** What a transport throws when an answer is larger than the datasource's limit (DATASOURCE_MAX_RESPONSE_BYTES); the guard maps it to tooLargeError. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${limitBytes} bytes`);
  }
}

/** A byte limit as set: "64 MiB" for a whole number of MiB or KiB, else "2,000,000 bytes". */
function formatBytes(n: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n.toLocaleString('en-US')} bytes`;
}

/** What to do about a too-large answer, by what each datasource answers. */
const ASK_FOR_LESS: Record<DatasourceName, string> = {
  prometheus: 'ask for less: fewer series (label matchers, or aggregate with sum by), a shorter range or a larger step',
  loki: 'ask for less: a narrower stream selector, a line filter, fewer series or a shorter range',
  jaeger: 'a trace or search this large cannot be shown here; narrow the search, or raise the limit',
  alertmanager: 'raise the limit if this Alertmanager holds that many alerts',
};

/**
 * The upstream answered more than Sightline reads of one answer: the request asked for too much (a
 * query over too many series or too long a range, a giant trace). Not the datasource's failure.
 */
export function tooLargeError(name: DatasourceName, limitBytes: number): AppError {
  return new AppError('UPSTREAM_TOO_LARGE', `${DATASOURCE_TITLES[name]}'s answer is larger than ${formatBytes(limitBytes)} (DATASOURCE_MAX_RESPONSE_BYTES); ${ASK_FOR_LESS[name]}`, {
    details: { datasource: name, limitBytes },
  });
}

/** The network error code inside undici's "fetch failed" TypeError (ECONNREFUSED, ECONNRESET...). */
export function networkErrorCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e; depth++) {
    if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string') return (e as { code: string }).code;
    e = e instanceof Error ? e.cause : undefined;
  }
  return null;
}

/** The caller went away (its AbortSignal fired): nobody waits for the answer, so it is neither a failure nor a timeout of the upstream. */
export function cancelledError(name: DatasourceName, cause?: unknown): AppError {
  return new AppError('UPSTREAM_TIMEOUT', `the request to ${DATASOURCE_TITLES[name]} was cancelled`, { cause, details: { datasource: name, cancelled: true } });
}

/** Whether `err` is a cancellation (cancelledError) rather than a failure. */
export function isCancelled(err: unknown): boolean {
  return err instanceof AppError && (err.details as { cancelled?: boolean } | undefined)?.cancelled === true;
}

/** The breaker is open: fail fast, name the datasource and when it will be tried again. */
export function breakerOpenError(name: DatasourceName, failures: number, retryInMs: number): AppError {
  const when = retryInMs > 0 ? `retrying in ${Math.ceil(retryInMs / 1000)}s` : 'a probe request is in progress';
  return new AppError('UPSTREAM_UNAVAILABLE', `${DATASOURCE_TITLES[name]} is unavailable (circuit open after ${failures} failures); ${when}`, {
    details: { datasource: name, breaker: 'open', retryInMs },
  });
}

/** The per-request timeout fired before the upstream answered. */
export function timeoutError(name: DatasourceName, timeoutMs: number, cause?: unknown): AppError {
  return new AppError('UPSTREAM_TIMEOUT', `${DATASOURCE_TITLES[name]} did not answer within ${timeoutMs} ms`, { cause, details: { datasource: name } });
}

/** A network failure: refused connections mean the upstream is down (503), the rest are 502. */
export function networkError(name: DatasourceName, err: unknown): AppError {
  const code = networkErrorCode(err);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('UPSTREAM_UNAVAILABLE', `${DATASOURCE_TITLES[name]} is unavailable (${code})`, { cause: err, details: { datasource: name, code } });
  }
  const why = code ?? (err instanceof Error ? stripUrlUserinfo(err.message) : 'network error');
  return new AppError('UPSTREAM_ERROR', `${DATASOURCE_TITLES[name]} request failed (${why})`, {
    cause: err,
    details: { datasource: name, code },
  });
}

/** The bulkhead refused the call: too many requests to this datasource already. */
export function overloadedError(name: DatasourceName, reason: 'queue_full' | 'queue_timeout', queueTimeoutMs: number): AppError {
  const why = reason === 'queue_full' ? 'too many requests are waiting' : `no connection became free within ${queueTimeoutMs} ms`;
  return new AppError('UPSTREAM_UNAVAILABLE', `${DATASOURCE_TITLES[name]} is overloaded: ${why}`, { details: { datasource: name, bulkhead: reason } });
}

/**
 * Maps a non-2xx upstream answer to an AppError. `upstreamMessage` is what the upstream said
 * (Prometheus' `error`, Jaeger's `errors[].msg`, Loki's plain text), shown to the user as is.
 */
export function httpStatusError(name: DatasourceName, status: number, upstreamMessage: string | null): AppError {
  const title = DATASOURCE_TITLES[name];
  const said = upstreamMessage?.trim() ? stripUrlUserinfo(upstreamMessage.trim().slice(0, 2000)) : null;
  const details = { datasource: name, status };
  if (status === 400 || status === 422) return new AppError('UPSTREAM_BAD_QUERY', said ?? `${title} rejected the query (HTTP ${status})`, { details });
  if (status === 503 || status === 502) return new AppError('UPSTREAM_UNAVAILABLE', `${title} is unavailable (HTTP ${status})${said ? `: ${said}` : ''}`, { details });
  if (status === 504) return new AppError('UPSTREAM_TIMEOUT', `${title} timed out (HTTP 504)${said ? `: ${said}` : ''}`, { details });
  return new AppError('UPSTREAM_ERROR', `${title} answered HTTP ${status}${said ? `: ${said}` : ''}`, { details });
}
