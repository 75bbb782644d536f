import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * How Sightline's server (lib/server/start.ts) sends API answers: whole, in one write with a
 * Content-Length, and encoded at a fast level when the client accepts it and the body is worth it.
 *
 * Why not Next's compression, which pages and static files keep: it streams every answer through
 * zlib at level 6 with a thread-pool round trip for the write, the flush Next asks for after every
 * chunk, and the end, and sends the headers in a write of their own. For a 23 KB range answer that
 * came to ~1.7 ms of the BFF's time per request; gzip level 1 of the whole body takes ~0.15 ms
 * (brotli quality 1 ~0.07 ms) for a body ~25% larger, which no network notices at that size.
 * API answers are JSON strings already whole in memory, so buffering them costs nothing.
 */

/** Bodies under this many bytes go out unencoded (the threshold Next's compression uses too). */
export const MIN_ENCODE_BYTES = 1024;

/** Bodies up to this size are encoded on the event loop (~1 ms at most); larger ones on the thread pool. */
export const MAX_SYNC_ENCODE_BYTES = 128 * 1024;

export type AnswerEncoding = 'br' | 'gzip';

const GZIP_OPTIONS: zlib.ZlibOptions = { level: 1 };
const brotliOptions = (size: number): zlib.BrotliOptions => ({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } });
const gzipAsync = promisify(zlib.gzip);
const brotliAsync = promisify(zlib.brotliCompress);

/** The encoding for a client's Accept-Encoding: br or gzip by q-value (br on a tie: faster and smaller at these levels), else null. */
export function chooseEncoding(acceptEncoding: string | undefined): AnswerEncoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (coding) q.set(coding, Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

/** Encodes a body; on the event loop when small, on the thread pool when large. */
export async function encodeBody(body: Buffer, encoding: AnswerEncoding): Promise<Buffer> {
  if (body.length <= MAX_SYNC_ENCODE_BYTES) return encoding === 'br' ? zlib.brotliCompressSync(body, brotliOptions(body.length)) : zlib.gzipSync(body, GZIP_OPTIONS);
  return encoding === 'br' ? brotliAsync(body, brotliOptions(body.length)) : gzipAsync(body, GZIP_OPTIONS);
}

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
/** Answers that are a stream of events by nature go out as they are written. */
const STREAMED_TYPES = /^\s*text\/event-stream/i;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/** Adds Accept-Encoding to the response's Vary header (kept once). */
function varyOnAcceptEncoding(res: ServerResponse): void {
  const vary = res.getHeader('vary');
  const current = Array.isArray(vary) ? vary.join(', ') : vary === undefined ? '' : String(vary);
  if (/(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(current)) return;
  res.setHeader('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

type Callback = (err?: Error | null) => void;

/**
 * Makes `res` send its answer whole: writes are collected, and `end` sends headers and body in one
 * write with Content-Length, encoded per `acceptEncoding` when the body reaches MIN_ENCODE_BYTES
 * and its Cache-Control does not say `no-transform` (a route's way to opt out, e.g. the trace view,
 * where encoding megabytes costs more than the loopback transfer it saves). A response whose
 * headers were already sent, an event stream, a HEAD answer and 204/304 go out as written.
 */
export function sendAnswerWhole(req: IncomingMessage, res: ServerResponse, acceptEncoding: string | undefined): void {
  if (req.method === 'HEAD') return;
  const original = { write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const chunks: Buffer[] = [];
  let mode: 'undecided' | 'whole' | 'as-written' = 'undecided';
  const whole = () => {
    if (mode === 'undecided') mode = res.headersSent || STREAMED_TYPES.test(String(res.getHeader('content-type') ?? '')) ? 'as-written' : 'whole';
    return mode === 'whole';
  };

  // Cast: end(chunk, callback) is one of ServerResponse.end's overloads, which bind() flattens away.
  const endWith = original.end.bind(res) as (body: Buffer, callback?: Callback) => ServerResponse;
  const send = (body: Buffer, callback: Callback | undefined) => {
    if (res.destroyed) return;
    if (res.headersSent || res.statusCode === 204 || res.statusCode === 304) {
      endWith(body, callback);
      return;
    }
    const encodable = body.length >= MIN_ENCODE_BYTES && !NO_TRANSFORM.test(String(res.getHeader('cache-control') ?? '')) && res.getHeader('content-encoding') === undefined;
    const encoding = encodable ? chooseEncoding(acceptEncoding) : null;
    if (encodable) varyOnAcceptEncoding(res);
    if (!encoding) {
      res.setHeader('content-length', body.length);
      endWith(body, callback);
      return;
    }
    encodeBody(body, encoding).then(
      (encoded) => {
        if (res.destroyed) return;
        res.setHeader('content-encoding', encoding);
        res.setHeader('content-length', encoded.length);
        endWith(encoded, callback);
      },
      (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  };

  let ended = false;
  // Casts: the replacements take ServerResponse's arguments and return what its methods return.
  res.flushHeaders = function flushHeaders(this: ServerResponse) {
    // Headers go out with the body; an answer written as it comes flushes them now.
    if (!whole()) original.flushHeaders.call(this);
  };
  res.write = function write(this: ServerResponse, ...args: unknown[]): boolean {
    if (!whole()) return (original.write as (...a: unknown[]) => boolean).apply(this, args);
    const [chunk, encoding] = args;
    chunks.push(toBuffer(chunk, encoding));
    const cb = args.find((a): a is Callback => typeof a === 'function');
    if (cb) process.nextTick(cb);
    return true;
  } as typeof res.write;
  res.end = function end(this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (!whole()) return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (ended) return this;
    ended = true;
    const [chunk, encoding] = args;
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    send(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), args.find((a): a is Callback => typeof a === 'function'));
    return this;
  } as typeof res.end;
}
