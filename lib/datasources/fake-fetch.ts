import { AppError } from '@/lib/api/errors';

/**
 * Test support for the HTTP layer and the upstream guard: a fake fetch that records its calls, and
 * answers that come late or never.
 */

export type Handler = (url: string, init: RequestInit) => Promise<Response>;

/** The error fetch throws when nothing listens (ECONNREFUSED in its cause, as undici reports it). */
export function refused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
}

/** A fake fetch that records calls and answers with `handler`. */
export function fakeFetch(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return handler(String(input), init ?? {});
  }) as typeof fetch;
  return { fn, calls };
}

/** Resolves with `body` after `ms`, or rejects when the request's signal aborts. */
export function delayed(ms: number, body = '{}', status = 200): Handler {
  return (_url, init) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve(new Response(body, { status })), ms);
      init.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
}

/** The AppError `p` rejects with (anything else fails the test). */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
