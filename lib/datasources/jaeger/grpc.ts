import 'server-only';
import http2 from 'node:http2';
import { AppError } from '@/lib/api/errors';
import { networkError, timeoutError } from '../resilience/upstream-errors';

/**
 * A minimal gRPC client over node:http2 for one server-streaming call: Jaeger's
 * `jaeger.api_v3.QueryService/GetTrace`. The request is one length-prefixed protobuf message; the
 * answer is the stream's messages, unframed. gRPC's status comes from the trailers (or from the
 * headers of a trailers-only answer); failures map to the same errors as the HTTP layer's.
 */

export interface GrpcCall {
  /** http://host:port or https://host:port of the gRPC server. */
  url: string;
  /** e.g. /jaeger.api_v3.QueryService/GetTrace */
  path: string;
  message: Buffer;
  /** Extra metadata, e.g. authorization. */
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called once, when the first byte of the answer's body arrives (how long the server took before sending). */
  onFirstByte?: () => void;
}

/** Per-stream and per-connection HTTP/2 receive window (32 MiB, the most a trace view reads at once in practice). */
const WINDOW_BYTES = 32 * 1024 * 1024;

/** gRPC status codes this client names (https://grpc.io/docs/guides/status-codes/). */
export const GRPC_NOT_FOUND = 5;
const GRPC_UNAVAILABLE = 14;
export const GRPC_UNIMPLEMENTED = 12;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Thrown for a non-OK gRPC status. */
export class GrpcStatusError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** node:http2 wraps a refused or reset connection in a stream-cancel error: name the socket's own error. */
const socketError = (err: unknown) => (err instanceof Error && err.cause instanceof Error ? err.cause : err);

function frame(message: Buffer): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/** Splits the response body into its messages (1-byte compressed flag, 4-byte length, bytes). */
function unframe(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let pos = 0; pos < body.length; ) {
    if (pos + 5 > body.length) throw new AppError('UPSTREAM_ERROR', 'Jaeger answered a truncated gRPC message', { details: { datasource: 'jaeger' } });
    if (body[pos] !== 0) throw new AppError('UPSTREAM_ERROR', 'Jaeger answered a compressed gRPC message, which was not asked for', { details: { datasource: 'jaeger' } });
    const len = body.readUInt32BE(pos + 1);
    out.push(body.subarray(pos + 5, pos + 5 + len));
    pos += 5 + len;
  }
  return out;
}

/** Calls a server-streaming method and returns its messages; a non-OK status throws GrpcStatusError. */
export function callServerStream(call: GrpcCall): Promise<Buffer[]> {
  return new Promise<Buffer[]>((resolve, reject) => {
    // Windows big enough for a whole large trace: with HTTP/2's 64 KiB default the server waits for a
    // WINDOW_UPDATE every 64 KiB, which a busy event loop sends late (a 6 MB trace took ~1.5× as long).
    const session = http2.connect(call.url, { settings: { initialWindowSize: WINDOW_BYTES } });
    session.on('connect', () => session.setLocalWindowSize(WINDOW_BYTES));
    const chunks: Buffer[] = [];
    let status: number | null = null;
    let statusMessage = '';
    let settled = false;
    const finish = (err: unknown, value?: Buffer[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      session.close();
      if (err) {
        session.destroy();
        reject(err);
      } else resolve(value ?? []);
    };
    const timer = setTimeout(() => finish(timeoutError('jaeger', call.timeoutMs)), call.timeoutMs);
    const onAbort = () => finish(call.signal?.reason ?? new DOMException('aborted', 'AbortError'));
    if (call.signal?.aborted) return onAbort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    session.on('error', (err) => finish(networkError('jaeger', socketError(err))));
    const readStatus = (h: http2.IncomingHttpHeaders) => {
      if (h['grpc-status'] !== undefined) status = Number(h['grpc-status']);
      if (typeof h['grpc-message'] === 'string') statusMessage = decodeURIComponent(h['grpc-message']);
    };
    const req = session.request({
      ':method': 'POST', ':path': call.path, 'content-type': 'application/grpc', te: 'trailers', 'grpc-timeout': `${call.timeoutMs}m`, ...call.headers,
    });
    req.on('response', (h) => {
      const httpStatus = Number(h[':status']);
      if (httpStatus !== 200) return finish(new AppError('UPSTREAM_ERROR', `Jaeger's gRPC endpoint answered HTTP ${httpStatus}`, { details: { datasource: 'jaeger', status: httpStatus } }));
      readStatus(h);
    });
    req.on('trailers', readStatus);
    req.on('data', (c: Buffer) => {
      if (chunks.length === 0) call.onFirstByte?.();
      chunks.push(c);
    });
    req.on('error', (err) => finish(networkError('jaeger', socketError(err))));
    req.on('end', () => {
      if (status === null) return finish(new AppError('UPSTREAM_ERROR', 'Jaeger ended the gRPC call without a status', { details: { datasource: 'jaeger' } }));
      if (status === GRPC_UNAVAILABLE) return finish(new AppError('UPSTREAM_UNAVAILABLE', `Jaeger is unavailable: ${statusMessage}`, { details: { datasource: 'jaeger' } }));
      if (status === GRPC_DEADLINE_EXCEEDED) return finish(timeoutError('jaeger', call.timeoutMs));
      if (status === GRPC_UNIMPLEMENTED) return finish(new AppError('UPSTREAM_ERROR', `Jaeger does not serve ${call.path} over gRPC (JAEGER_GRPC_URL points at the wrong port or version)`, { details: { datasource: 'jaeger', grpcStatus: status } }));
      if (status !== 0) return finish(new GrpcStatusError(status, statusMessage || `gRPC status ${status}`));
      try {
        finish(null, unframe(Buffer.concat(chunks)));
      } catch (err) {
        finish(err);
      }
    });
    req.end(frame(call.message));
  });
}
