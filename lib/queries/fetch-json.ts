import { isErrorBody } from '@/lib/api/errors';
import { decodeAnswer } from '@/lib/api/samples-wire';

/** An error from the BFF, carrying its code so the UI can say something specific. */
export class BffError extends Error {
  override name = 'BffError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Whether a failed request may succeed if made again: no answer at all (status 0: network down,
 * server gone) or a server error (5xx). A 4xx answer (bad input, forbidden, not found) will not change.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status >= 500;
}

/** The status of a failed BFF request: the BFF's answer (BffError), or 0 when none came (fetch itself failed). */
export function toFailedStatus(err: unknown): number {
  return err instanceof BffError ? err.status : 0;
}

/** React-query's `retry` for every BFF query: once, and only when retrying may help (isRetryableStatus). */
export function retryServerErrors(count: number, err: Error): boolean {
  return count < 1 && isRetryableStatus(toFailedStatus(err));
}

/**
 * Whether a query failed because of what it asks (shown at the query box: fix the query and run it
 * again), not because of a datasource or the network (a retry may help): malformed input, a query
 * the datasource refused, or one whose answer is too large to read.
 */
export function isQueryMistake(err: Error | null): boolean {
  return err instanceof BffError && (err.code === 'UPSTREAM_BAD_QUERY' || err.code === 'INVALID_INPUT' || err.code === 'UPSTREAM_TOO_LARGE');
}

/** Fetches JSON from the BFF (series samples decoded from their wire form); a failure throws BffError with the server's code and message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(body)) throw new BffError(body.error.code, body.error.message, res.status);
    throw new BffError('HTTP_' + res.status, `request failed with HTTP ${res.status}`, res.status);
  }
  // The BFF's response shapes are defined by its route handlers; callers name the type they asked for.
  return decodeAnswer(body) as T;
}
