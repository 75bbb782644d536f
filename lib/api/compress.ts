import 'server-only';

/**
 * When the BFF's answers are compressed. Next (`next start`) gzips every response at level 6 with
 * the `compression` package, and because a route handler's web Response carries no length, that
 * includes a 15-byte `{"status":"ok"}`: ~0.6 ms of zlib set-up per answer for no saving. A route
 * handler cannot send a body it compressed itself: Next 16 drops Content-Encoding (and
 * Content-Length) from route-handler responses (next/dist/server/send-response.js), so the client
 * would get compressed bytes it does not know to inflate. What a handler can do is opt out:
 * `Cache-Control: no-transform` makes Next's compression leave a response alone.
 */

/** Bodies under this many bytes go out unencoded: the `compression` package's own threshold. */
export const MIN_COMPRESS_BYTES = 1024;

const NO_TRANSFORM = /(^|,)\s*no-transform\s*(,|$)/i;

/** Adds `no-transform` to a Cache-Control value (kept once). */
export function addNoTransform(cacheControl: string | null): string {
  if (!cacheControl) return 'no-transform';
  return NO_TRANSFORM.test(cacheControl) ? cacheControl : `${cacheControl}, no-transform`;
}

/**
 * A Response of `body` that Next compresses only when it is worth it: a body under
 * MIN_COMPRESS_BYTES (UTF-8 bytes) gets `no-transform` added to its Cache-Control; a larger one is
 * gzipped by Next for callers that accept it. Status and headers come from `init`.
 */
export function toResponse(body: string | Uint8Array<ArrayBuffer>, init: ResponseInit = {}): Response {
  // A string's UTF-8 length is never below its length in UTF-16 units: long strings need no count.
  const small = typeof body === 'string' ? body.length < MIN_COMPRESS_BYTES && Buffer.byteLength(body) < MIN_COMPRESS_BYTES : body.byteLength < MIN_COMPRESS_BYTES;
  if (!small) return new Response(body, init);
  const headers = new Headers(init.headers);
  headers.set('cache-control', addNoTransform(headers.get('cache-control')));
  return new Response(body, { ...init, headers });
}
