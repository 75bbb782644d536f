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
