import type { IncomingMessage } from 'node:http';
import { AppError } from '../api/errors';
import type { RouteRequest } from '../api/route-entry';
import { requestIdFrom } from '../observability/log';

/**
 * node's request as route() (lib/api/route-handler.ts) reads it, for Sightline's server calling a
 * route's direct entry (lib/server/direct-api.ts): its URL, headers, the body read within a limit,
 * and its request ID.
 */

/**
 * The request's ID: its well-formed `x-request-id`, else a new one. Written back to the request's
 * headers, so that route() (directly or through Next) and a failure answer use the same one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const id = requestIdFrom({
    get: (name) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    },
  });
  req.headers['x-request-id'] = id;
  return id;
}

/** Hosts a URL may carry to its handler; another Host header is replaced by "localhost". */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** node's request as route() reads it (lib/api/route-entry.ts). */
export class IncomingRouteRequest implements RouteRequest {
  readonly url: string;
  readonly headers: { get(name: string): string | null };

  constructor(private readonly req: IncomingMessage) {
    const host = req.headers.host;
    this.url = `http://${host && PLAIN_HOST.test(host) ? host : 'localhost'}${req.url ?? '/'}`;
    this.headers = {
      // node has parsed the headers already; it keeps the first of repeated single-valued ones (Host, Authorization, ...).
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** Reads the body, refusing one over `maxBytes` by its Content-Length or once that much has come, without buffering the rest. */
  text(maxBytes = Infinity): Promise<string> {
    const req = this.req;
    const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${maxBytes} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        // node reads and drops the rest once the answer is sent, so the connection stays usable.
        req.off('data', onData);
        chunks.length = 0;
        reject(tooLarge());
      };
      req.on('data', onData);
      req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.once('error', reject);
      req.once('close', () => {
        if (!req.complete) reject(new Error('the client went away before sending the whole request body'));
      });
    });
  }
}
