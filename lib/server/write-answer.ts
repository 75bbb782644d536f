import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../api/errors';
import type { RouteAnswer } from '../api/route-entry';
import { logger } from '../observability/log';
import { requestIdOf } from './route-request';

/**
 * Writing answers to node's response for Sightline's server: a route's answer
 * (lib/server/direct-api.ts), the typed error body, and the 500 after an unexpected failure.
 */

/** Where the server's log lines go: the structured logger (lib/observability/log.ts), or a test's stand-in. */
export type ServerLogger = Pick<typeof logger, 'info' | 'warn' | 'error'>;

/** Resolves when `res` can take more, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await drained(res);
  }
  res.end();
}

/** Writes a route's answer: a whole body at once, a Response as its body stream comes. */
export async function writeAnswer(res: ServerResponse, answer: RouteAnswer): Promise<void> {
  if ('response' in answer) return writeResponse(res, answer.response);
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  res.end(answer.body);
}

/** Answers with `error`'s status and the typed error body, naming `requestId`. */
export function sendError(res: ServerResponse, error: AppError, requestId: string, headers: Record<string, string> = {}): void {
  res.statusCode = error.status;
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId, ...headers })) res.setHeader(name, value);
  res.end(JSON.stringify(error.toBody()));
}

/**
 * After a request failed unexpectedly (a route, or Next itself): logs it with its stack and request
 * ID, then answers 500 unless the answer has begun (the connection is cut then): the typed error body
 * for the API, plain text for pages, both naming the request ID for the user to quote.
 */
export function answerFailure(req: IncomingMessage, res: ServerResponse, err: unknown, opts: { api: boolean; log?: ServerLogger }): void {
  const requestId = requestIdOf(req);
  (opts.log ?? logger).error('request failed', { requestId, method: req.method, url: req.url, err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  if (res.headersSent) res.destroy();
  else if (opts.api) sendError(res, new AppError('INTERNAL', `internal error; see the server log for request ${requestId}`), requestId);
  else res.writeHead(500, { 'content-type': 'text/plain', 'x-request-id': requestId }).end(`Internal Server Error (request ${requestId})`);
}
