import 'server-only';
import { constants as bufferConstants } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AnswerTooLargeError } from './resilience/upstream-errors';

/**
 * How the HTTP layer (http.ts) sends one request and reads the whole answer. The default speaks
 * node:http over keep-alive connections: per upstream call it costs ~0.3 ms less CPU than fetch
 * (whose WHATWG streams and Headers, and Next's patch of it with its caching and tracing, the BFF
 * has no use for), and a panel makes up to four calls at once on the BFF's one thread. Tests pass
 * a fetch instead (transportFromFetch).
 */

export interface TransportRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** The most bytes of answer read, before and after inflating: past it the call ends with AnswerTooLargeError. */
  maxBytes: number;
}

export interface TransportResponse {
  status: number;
  /** The answer's body decoded to text (and inflated when the upstream encoded it). */
  text: string;
}

export type Transport = (url: string, req: TransportRequest) => Promise<TransportResponse>;

const inflaters: Record<string, (b: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/**
 * Inflates a body per its Content-Encoding (a datasource may be configured to ask for gzip); identity
 * as is. No coding may inflate past `maxBytes` (a few KB of gzip can hold gigabytes of zeros).
 */
export async function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  let out = body;
  // Codings apply in the order listed, so they come off in reverse.
  for (const coding of (contentEncoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity').reverse()) {
    const inflate = inflaters[coding];
    if (!inflate) throw new Error(`unsupported Content-Encoding "${coding}"`);
    try {
      // zlib takes no limit past the largest Buffer (4 GiB on Node 20), which no answer can pass anyway.
      out = await inflate(out, { maxOutputLength: Math.min(maxBytes, bufferConstants.MAX_LENGTH) });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new AnswerTooLargeError(maxBytes);
      throw err;
    }
  }
  return out;
}

/**
 * How long an idle kept-alive connection is kept. Backends close idle connections on their own
 * schedule, and a request sent on one they have just closed fails with ECONNRESET (retried for
 * reads, but a failure on the breaker's books); closing ours first avoids that race. 4 s is what
 * fetch (undici) uses.
 */
export const IDLE_CONNECTION_MS = 4_000;

/** A transport over node:http/https with its own keep-alive connections (one per datasource client). */
export function createNodeTransport({ idleMs = IDLE_CONNECTION_MS }: { idleMs?: number } = {}): Transport {
  // `timeout` on a keep-alive agent closes a connection idle that long; one in use is left alone.
  const options = { keepAlive: true, scheduling: 'lifo' as const, timeout: idleMs };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  return (url, req) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const target = new URL(url);
      const isHttps = target.protocol === 'https:';
      const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
      const options: http.RequestOptions = { method: req.method, headers, signal: req.signal, agent: isHttps ? agents['https:'] : agents['http:'] };
      // A header value node:http refuses throws here, inside the executor: it becomes this promise's rejection.
      const outgoing = (isHttps ? https : http).request(target, options, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        // An answer past the limit is not read on: the connection is cut (a kept-alive one could
        // not be reused before the rest arrived) and the call ends at once, whatever is still coming.
        const tooLarge = () => {
          reject(new AnswerTooLargeError(req.maxBytes));
          outgoing.destroy();
        };
        if (Number(res.headers['content-length']) > req.maxBytes) return tooLarge();
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > req.maxBytes) return tooLarge();
          chunks.push(chunk);
        });
        res.on('error', reject);
        // The connection went away before the answer was whole (the upstream died, or the call was aborted).
        res.on('close', () => {
          if (!res.complete) reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          const encoding = res.headers['content-encoding'];
          // Unencoded, as the HTTP layer asks by default: no inflating, no promise hop on the way back.
          if (encoding === undefined || encoding === 'identity') resolve({ status, text: body.toString('utf8') });
          else decodeBody(body, encoding, req.maxBytes).then((decoded) => resolve({ status, text: decoded.toString('utf8') }), reject);
        });
      });
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
}

/** Reads a fetch answer's body to text, at most `maxBytes` of it (fetch has already inflated it). */
async function readText(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.length;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new AnswerTooLargeError(maxBytes);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A transport over a fetch function (tests answer requests with fakes and fixtures this way). */
export function transportFromFetch(doFetch: typeof fetch): Transport {
  return async (url, req) => {
    const res = await doFetch(url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal });
    return { status: res.status, text: await readText(res, req.maxBytes) };
  };
}
