import 'server-only';
import http2 from 'node:http2';
import { AppError } from '@/lib/api/errors';
import { withDeadline } from '../resilience/deadline';
import { AnswerTooLargeError, networkError, timeoutError } from '../resilience/upstream-errors';
import { httpVerdict } from '../http';
import type { AnswerVerdict } from '../upstream-guard';

/**
 * A minimal gRPC client over node:http2 for one server-streaming call: Jaeger's
 * `jaeger.api_v3.QueryService/GetTrace`. The request is one length-prefixed protobuf message; the
 * answer is the stream's messages, unframed. gRPC's status comes from the trailers (or from the
 * headers of a trailers-only answer). sendGrpc is a transport like the HTTP one: the upstream guard
 * (breaker, bulkhead, timeouts, span, metrics) runs around it; toGrpcMessages maps a non-OK answer to
 * the same errors as the HTTP layer's.
 */

export interface GrpcCall {
  /** http://host:port or https://host:port of the gRPC server. */
  url: string;
  /** e.g. /jaeger.api_v3.QueryService/GetTrace */
  path: string;
  message: Buffer;
  /** Extra metadata, e.g. authorization. */
  headers?: Record<string, string>;
  /** The call's time limit, also sent to the server as grpc-timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called once, when the first byte of the answer's body arrives (how long the server took before sending). */
  onFirstByte?: () => void;
  /** The most bytes of answer read (none when omitted): past it the call is cancelled and fails with AnswerTooLargeError. */
  maxBytes?: number;
}

/** Per-stream and per-connection HTTP/2 receive window (32 MiB, the most a trace view reads at once in practice). */
const WINDOW_BYTES = 32 * 1024 * 1024;

/** gRPC status codes this client names (https://grpc.io/docs/guides/status-codes/). */
export const GRPC_NOT_FOUND = 5;
const GRPC_INVALID_ARGUMENT = 3;
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

/** One gRPC call's answer as it came: HTTP status, gRPC status (trailers or trailers-only headers) and the framed body. */
export interface GrpcAnswer {
  httpStatus: number;
  /** Null when the server ended the call without one. */
  grpcStatus: number | null;
  grpcMessage: string;
  body: Buffer;
}

/** Sends one unary-request, server-streaming call: the transport under the upstream guard. */
interface GrpcRequest extends Omit<GrpcCall, 'signal' | 'maxBytes'> {
  signal: AbortSignal;
  maxBytes: number;
}

/**
 * Sends one call and resolves with whatever answer came (any status); rejects only when none did:
 * the connection failed (the socket's own error, e.g. ECONNREFUSED) or `signal` aborted (its reason).
 * The time limit is the signal's; `timeoutMs` goes to the server as grpc-timeout.
 */
export function sendGrpc(call: GrpcRequest): Promise<GrpcAnswer> {
  return new Promise<GrpcAnswer>((resolve, reject) => {
    // Windows big enough for a whole large trace: with HTTP/2's 64 KiB default the server waits for a
    // WINDOW_UPDATE every 64 KiB, which a busy event loop sends late (a 6 MB trace took ~1.5× as long).
    const session = http2.connect(call.url, { settings: { initialWindowSize: WINDOW_BYTES } });
    session.on('connect', () => session.setLocalWindowSize(WINDOW_BYTES));
    const chunks: Buffer[] = [];
    let httpStatus = 0;
    let status: number | null = null;
    let statusMessage = '';
    let settled = false;
    const finish = (err: unknown, answer?: GrpcAnswer) => {
      if (settled) return;
      settled = true;
      call.signal.removeEventListener('abort', onAbort);
      session.close();
      if (err || !answer) {
        session.destroy();
        reject(err);
      } else resolve(answer);
    };
    const onAbort = () => finish(call.signal.reason ?? new DOMException('aborted', 'AbortError'));
    if (call.signal.aborted) return onAbort();
    call.signal.addEventListener('abort', onAbort, { once: true });
    session.on('error', (err) => finish(socketError(err)));
    const readStatus = (h: http2.IncomingHttpHeaders) => {
      if (h['grpc-status'] !== undefined) status = Number(h['grpc-status']);
      if (typeof h['grpc-message'] === 'string') statusMessage = decodeURIComponent(h['grpc-message']);
    };
    const req = session.request({
      ':method': 'POST', ':path': call.path, 'content-type': 'application/grpc', te: 'trailers', 'grpc-timeout': `${Math.max(1, Math.ceil(call.timeoutMs))}m`, ...call.headers,
    });
    req.on('response', (h) => {
      httpStatus = Number(h[':status']);
      // Not a gRPC answer (a proxy's or a plain HTTP server's): its body is of no use.
      if (httpStatus !== 200) {
        finish(null, { httpStatus, grpcStatus: null, grpcMessage: '', body: Buffer.alloc(0) });
        return void req.close(http2.constants.NGHTTP2_CANCEL);
      }
      readStatus(h);
    });
    req.on('trailers', readStatus);
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      if (chunks.length === 0) call.onFirstByte?.();
      bytes += c.length;
      if (bytes > call.maxBytes) {
        finish(new AnswerTooLargeError(call.maxBytes));
        return;
      }
      chunks.push(c);
    });
    req.on('error', (err) => finish(socketError(err)));
    req.on('end', () => finish(null, { httpStatus, grpcStatus: status, grpcMessage: statusMessage, body: Buffer.concat(chunks) }));
    req.end(frame(call.message));
  });
}

/** The answer's messages; a non-OK answer throws the error it means (GrpcStatusError for statuses the caller may handle, e.g. NOT_FOUND). */
export function toGrpcMessages(answer: GrpcAnswer, path: string, timeoutMs: number): Buffer[] {
  const { httpStatus, grpcStatus: status, grpcMessage } = answer;
  if (httpStatus !== 200) throw new AppError('UPSTREAM_ERROR', `Jaeger's gRPC endpoint answered HTTP ${httpStatus}`, { details: { datasource: 'jaeger', status: httpStatus } });
  if (status === null) throw new AppError('UPSTREAM_ERROR', 'Jaeger ended the gRPC call without a status', { details: { datasource: 'jaeger' } });
  // A reachable server's status (grpcStatus): Jaeger (or its storage) is down, not the endpoint wrong.
  if (status === GRPC_UNAVAILABLE) throw new AppError('UPSTREAM_UNAVAILABLE', `Jaeger is unavailable: ${grpcMessage}`, { details: { datasource: 'jaeger', grpcStatus: status } });
  if (status === GRPC_DEADLINE_EXCEEDED) throw timeoutError('jaeger', timeoutMs);
  if (status === GRPC_UNIMPLEMENTED) throw new AppError('UPSTREAM_ERROR', `Jaeger does not serve ${path} over gRPC (JAEGER_GRPC_URL points at the wrong port or version)`, { details: { datasource: 'jaeger', grpcStatus: status } });
  if (status !== 0) throw new GrpcStatusError(status, grpcMessage || `gRPC status ${status}`);
  return unframe(answer.body);
}

/** gRPC statuses that say the server failed (a breaker failure), as opposed to the request being wrong or the thing absent. */
const GRPC_SERVER_FAILURES = new Set([2 /* UNKNOWN */, GRPC_DEADLINE_EXCEEDED, 13 /* INTERNAL */, GRPC_UNAVAILABLE, 15 /* DATA_LOSS */]);

/** What a gRPC answer means to the upstream guard (metrics label `grpc_<code>`, or the HTTP status of a non-gRPC answer). */
export function judgeGrpc(answer: GrpcAnswer): AnswerVerdict {
  // Not a gRPC answer: judged as its HTTP status, but always an error (not the answer asked for).
  if (answer.httpStatus !== 200) return { ...httpVerdict(answer.httpStatus), error: true };
  const code = answer.grpcStatus;
  return {
    status: `grpc_${code ?? 'none'}`,
    ok: code !== null && !GRPC_SERVER_FAILURES.has(code),
    transient: code === GRPC_UNAVAILABLE,
    refused: code === GRPC_INVALID_ARGUMENT || code === GRPC_NOT_FOUND,
    attributes: code === null ? {} : { 'rpc.grpc.status_code': code },
    error: code !== 0,
  };
}

/**
 * Calls a server-streaming method on its own (scripts: fixture capture, benchmarks), with its own
 * timeout; the BFF's calls go through the upstream guard instead (jaeger/client.ts). A non-OK status
 * throws as toGrpcMessages says.
 */
export async function callServerStream(call: GrpcCall): Promise<Buffer[]> {
  const deadline = withDeadline(call.signal, call.timeoutMs, () => new DOMException(`Jaeger did not answer within ${call.timeoutMs} ms`, 'TimeoutError'));
  let answer: GrpcAnswer;
  try {
    answer = await sendGrpc({ ...call, signal: deadline.signal, maxBytes: call.maxBytes ?? Infinity });
  } catch (err) {
    if (deadline.expired) throw timeoutError('jaeger', call.timeoutMs, err);
    if (call.signal?.aborted) throw err;
    throw networkError('jaeger', err);
  } finally {
    deadline.dispose();
  }
  return toGrpcMessages(answer, call.path, call.timeoutMs);
}
