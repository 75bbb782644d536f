import 'server-only';
import type { z } from 'zod';
import { AppError, notFound } from '@/lib/api/errors';
import { createDecodeOnce, decodeJson, ensureOk } from '../decode';
import type { CallOptions, HttpClient, QueryParams, UpstreamResponse } from '../http';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';
import type { DependencyLink, QueryResult, ResultNotice, Trace, TraceSummary, UnixMs } from '../types';
import type { CompactTrace } from '@/lib/traces/compact-trace';
import { logger } from '@/lib/observability/log';
import { GRPC_NOT_FOUND, GRPC_UNIMPLEMENTED, GrpcStatusError, judgeGrpc, sendGrpc, toGrpcMessages } from './grpc';
import { encodeGetTraceRequest, toCompactTraceFromOtlpProto } from './otlp-proto';
import { ProtoError } from './protobuf-reader';
import { OtlpErrorBody, OtlpTracesResponse } from './otlp-schemas';
import { toCompactTraceFromOtlp } from './otlp-to-compact-trace';
import { JaegerDependencies, JaegerErrorBody, JaegerStrings, JaegerTraces, JaegerTracesFast, jaegerEnvelope, type JaegerTraceWire } from './schemas';
import { toTrace, toTraceSummary } from './to-trace';

/** Go duration syntax as Jaeger parses it, e.g. `100ms`, `1.5s`, `2m`. */
export const GO_DURATION = /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/;
/** Trace IDs as Jaeger accepts them: up to 32 hex digits. */
export const TRACE_ID = /^[0-9a-fA-F]{1,32}$/;

export interface TraceSearch {
  service: string;
  operation?: string;
  /** Span tags that must all match, e.g. `{ "http.status_code": "500" }`. */
  tags?: Record<string, string>;
  start: UnixMs;
  end: UnixMs;
  minDuration?: string;
  maxDuration?: string;
  limit?: number;
}

const msToMicros = (t: UnixMs) => String(Math.round(t * 1000));
const extractMessage = (text: string) => JaegerErrorBody.parse(JSON.parse(text)).errors?.map((e) => e.msg).join('; ') ?? null;
const extractV3Message = (text: string) => OtlpErrorBody.parse(JSON.parse(text)).error.message;

/** Options of getCompactTrace: `raw` skips Jaeger's adjusters; `onTiming` hears how long Jaeger and the decoding took (ms). */
export type CompactTraceOptions = CallOptions & { raw?: boolean; onTiming?: (phase: 'jaeger-first-byte' | 'jaeger' | 'decode', ms: number, via: 'grpc' | 'http') => void };

/** Jaeger's query gRPC endpoint (API v3), used for whole traces when configured. */
export interface JaegerGrpcConfig {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** The most bytes of one answer read (DATASOURCE_MAX_RESPONSE_BYTES, as over HTTP). */
  maxResponseBytes: number;
}

const GET_TRACE = '/jaeger.api_v3.QueryService/GetTrace';

/**
 * After the gRPC endpoint proved unusable (refused, not Jaeger's API v3), whole traces are read over
 * HTTP for this long before gRPC is tried again: one refused attempt per trace view would put a
 * failure on Jaeger's breaker next to each HTTP success, enough to open it.
 */
const GRPC_RETRY_AFTER_MS = 60_000;

/** GetTrace over gRPC, through the Jaeger client's guard: the stream's TracesData messages, decoded into the compact view format. */
async function getCompactTraceOverGrpc(http: HttpClient, grpc: JaegerGrpcConfig, traceId: string, opts?: CompactTraceOptions): Promise<CompactTrace> {
  let messages: Buffer[];
  const t0 = performance.now();
  try {
    const message = encodeGetTraceRequest(traceId, opts?.raw ?? false);
    const headers = { ...grpc.headers };
    const answer = await http.call({
      operation: `gRPC ${GET_TRACE}`,
      attributes: { 'rpc.system': 'grpc', 'rpc.service': 'jaeger.api_v3.QueryService', 'rpc.method': 'GetTrace', 'url.full': stripUrlUserinfo(`${grpc.url.replace(/\/+$/, '')}${GET_TRACE}`) },
      headers,
      requestId: opts?.requestId,
      readOnly: true,
      // No retries here: a failed gRPC read falls back to HTTP, which retries.
      maxAttempts: 1,
      timeoutMs: grpc.timeoutMs,
      signal: opts?.signal,
      deadline: opts?.deadline,
      send: (signal, timeoutMs) =>
        sendGrpc({ url: grpc.url, path: GET_TRACE, message, headers, timeoutMs, signal, maxBytes: grpc.maxResponseBytes, onFirstByte: () => opts?.onTiming?.('jaeger-first-byte', performance.now() - t0, 'grpc') }),
      judge: judgeGrpc,
    });
    if (answer.httpStatus === 200 && answer.grpcStatus === GRPC_NOT_FOUND) throw notFound('Trace', traceId);
    messages = toGrpcMessages(answer, GET_TRACE, grpc.timeoutMs);
  } catch (err) {
    if (err instanceof GrpcStatusError) throw new AppError('UPSTREAM_ERROR', `Jaeger: ${err.message}`, { cause: err, details: { datasource: 'jaeger', grpcStatus: err.code } });
    throw err;
  }
  const t1 = performance.now();
  opts?.onTiming?.('jaeger', t1 - t0, 'grpc');
  let trace: CompactTrace;
  try {
    trace = toCompactTraceFromOtlpProto(messages, traceId);
    opts?.onTiming?.('decode', performance.now() - t1, 'grpc');
  } catch (err) {
    if (err instanceof ProtoError) throw new AppError('UPSTREAM_ERROR', `Jaeger answered a malformed trace (protobuf: ${err.message})`, { cause: err, details: { datasource: 'jaeger' } });
    throw err;
  }
  // Jaeger answers an unknown id with an empty stream.
  if (trace.spanIds.length === 0) throw notFound('Trace', traceId);
  return trace;
}

/**
 * A gRPC failure that says the endpoint is wrong (no connection could be made: refused, unknown
 * host, not HTTP/2 gRPC; or not Jaeger's API v3: UNIMPLEMENTED) rather than that Jaeger failed. Any
 * other gRPC status came from a reachable Jaeger (UNAVAILABLE: its storage is down), and an open
 * breaker or a full bulkhead is Jaeger's state, not the endpoint's: the HTTP read would meet the
 * same, so none of them is one.
 */
function isGrpcMisconfigured(err: unknown): boolean {
  if (!(err instanceof AppError)) return false;
  const details = err.details as { grpcStatus?: number; status?: number; breaker?: string; bulkhead?: string } | undefined;
  if (details?.grpcStatus !== undefined) return details.grpcStatus === GRPC_UNIMPLEMENTED;
  if (details?.breaker !== undefined || details?.bulkhead !== undefined) return false;
  return err.code === 'UPSTREAM_UNAVAILABLE' || details?.status !== undefined;
}

/** Jaeger's `errors` next to a non-null `data`: the answer is partial (e.g. some traces of a search could not be read). */
const toPartialNotices = (errors: { msg: string }[] | null | undefined): ResultNotice[] =>
  errors?.length ? [{ code: 'PARTIAL', message: `Jaeger answered with errors, so the result may be incomplete: ${errors.map((e) => e.msg).join('; ')}` }] : [];

/** Builds the Jaeger adapter (internal /api, API v3 over HTTP or gRPC) over a shared HTTP client. */
export function createJaegerClient({ http, grpc }: { http: HttpClient; grpc?: JaegerGrpcConfig }) {
  // Epoch ms until which whole traces skip gRPC (GRPC_RETRY_AFTER_MS).
  let grpcUnusableUntil = 0;
  // Each answer decoded once: by cacheIf before it is cached, then by every caller it reaches (coalesced or from the cache).
  const decodeOnce = createDecodeOnce<unknown>();

  /** One /api call: its data and a PARTIAL notice for errors that came with data. */
  async function call<S extends z.ZodType>(path: string, data: S, query: QueryParams, opts: CallOptions = {}, pathParams?: Record<string, string>): Promise<QueryResult<z.infer<S>>> {
    // Safe: jaegerEnvelope validates `data` as S; TS cannot resolve the generic mapped type.
    type Envelope = { data: z.infer<S> | null; errors?: { msg: string }[] | null };
    // Safe: decoded by this same path's call, whose schema is S (see createDecodeOnce).
    const decode = (res: UpstreamResponse): Envelope => decodeOnce(res, (r) => decodeJson('jaeger', r, jaegerEnvelope(data))) as Envelope;
    const res = await http.request({
      path, pathParams, query, signal: opts.signal, deadline: opts.deadline, requestId: opts.requestId, cache: opts.cache,
      // A 200 with errors and no data is a failure: never served from the cache.
      cacheIf: (r) => {
        try {
          return decode(r).data !== null;
        } catch {
          return false;
        }
      },
    });
    ensureOk('jaeger', res, extractMessage);
    const body = decode(res);
    if (body.errors?.length && body.data === null) throw new AppError('UPSTREAM_ERROR', `Jaeger: ${body.errors.map((e) => e.msg).join('; ')}`, { details: { datasource: 'jaeger' } });
    return { data: (body.data ?? []) as z.infer<S>, notices: toPartialNotices(body.errors) };
  }

  /** The data of a call whose caller takes no notices: a partial answer is logged, not dropped silently. */
  const dataOf = <T>(what: string, opts: CallOptions | undefined) => (r: QueryResult<T>): T => {
    for (const n of r.notices) logger.warn(`Jaeger ${what}: ${n.message}`, { requestId: opts?.requestId });
    return r.data;
  };

  /** The validated wire shape of one trace and its notices; an unknown ID is NOT_FOUND. */
  async function fetchTraceWire(traceId: string, opts?: CallOptions & { raw?: boolean }): Promise<QueryResult<JaegerTraceWire>> {
    try {
      const r = await call('/api/traces/{traceId}', JaegerTracesFast, opts?.raw ? { raw: 'true' } : {}, opts, { traceId });
      const [trace] = r.data;
      if (!trace) throw notFound('Trace', traceId);
      return { data: trace, notices: r.notices };
    } catch (err) {
      if (err instanceof AppError && (err.details as { status?: number } | undefined)?.status === 404) throw notFound('Trace', traceId);
      throw err;
    }
  }

  /** GET /api/traces: search traces (times in µs, durations in Go syntax, tags as JSON), with a PARTIAL notice when Jaeger reported errors. */
  async function searchTraces(q: TraceSearch, opts?: CallOptions): Promise<QueryResult<TraceSummary[]>> {
    const r = await call(
      '/api/traces',
      JaegerTraces,
      {
        service: q.service,
        operation: q.operation,
        tags: q.tags && Object.keys(q.tags).length ? JSON.stringify(q.tags) : undefined,
        start: msToMicros(q.start),
        end: msToMicros(q.end),
        minDuration: q.minDuration,
        maxDuration: q.maxDuration,
        limit: q.limit ?? 20,
      },
      opts,
    );
    return { data: r.data.map(toTraceSummary).sort((a, b) => b.startMicros - a.startMicros), notices: r.notices };
  }

  return {
    /** GET /api/services: services that reported spans. */
    services: (opts?: CallOptions): Promise<string[]> => call('/api/services', JaegerStrings, {}, opts).then(dataOf('services', opts)).then((s) => [...s].sort()),
    /** GET /api/services/{service}/operations: operation names of one service. */
    operations: (service: string, opts?: CallOptions): Promise<string[]> =>
      call('/api/services/{service}/operations', JaegerStrings, {}, opts, { service }).then(dataOf('operations', opts)).then((s) => [...s].sort()),
    searchTraces,
    /**
     * GET /api/traces/{traceID}: one whole trace; an unknown ID is NOT_FOUND, errors Jaeger reported
     * next to it are among its warnings. `raw` skips Jaeger's adjusters (span-ID dedupe, tag sorting,
     * clock-skew and resource-attribute moves) and returns spans as reported: ~3× faster at 50,000
     * spans (1.8 s → 0.55 s measured), for callers that flag skew and orphans themselves.
     */
    getTrace: async (traceId: string, opts?: CallOptions & { raw?: boolean }): Promise<Trace> => {
      const { data, notices } = await fetchTraceWire(traceId, opts);
      const trace = toTrace(data);
      return notices.length ? { ...trace, warnings: [...trace.warnings, ...notices.map((n) => n.message)] } : trace;
    },
    /**
     * One whole trace in the trace view's compact format, converted in one pass: over API v3's gRPC
     * GetTrace (protobuf) when JAEGER_GRPC_URL is set, else GET /api/v3/traces/{traceID} (OTLP JSON).
     * API v3 is the cheaper path for big traces: at 50,000 spans its JSON is 18 MB against the
     * internal API's 30 MB, its protobuf 6 MB. `raw` skips Jaeger's adjusters (see getTrace). An
     * unknown ID is NOT_FOUND.
     */
    async getCompactTrace(traceId: string, opts?: CompactTraceOptions): Promise<CompactTrace> {
      if (grpc && Date.now() >= grpcUnusableUntil) {
        try {
          return await getCompactTraceOverGrpc(http, grpc, traceId, opts);
        } catch (err) {
          // A gRPC endpoint that is not there (refused, or not Jaeger's API v3) must not take the trace
          // view down while the HTTP API answers: say so in the log and read it over HTTP.
          if (!isGrpcMisconfigured(err)) throw err;
          grpcUnusableUntil = Date.now() + GRPC_RETRY_AFTER_MS;
          logger.warn('Jaeger gRPC endpoint unusable; reading traces over HTTP /api/v3 for a minute', {
            grpcUrl: stripUrlUserinfo(grpc.url), err: err instanceof Error ? stripUrlUserinfo(err.message) : String(err), requestId: opts?.requestId,
          });
        }
      }
      const t0 = performance.now();
      const res = await http.request({
        path: '/api/v3/traces/{traceId}', pathParams: { traceId }, query: opts?.raw ? { raw_traces: 'true' } : {}, signal: opts?.signal, deadline: opts?.deadline, requestId: opts?.requestId,
      });
      if (res.status === 404) throw notFound('Trace', traceId);
      ensureOk('jaeger', res, extractV3Message);
      const t1 = performance.now();
      opts?.onTiming?.('jaeger', t1 - t0, 'http');
      const trace = toCompactTraceFromOtlp(decodeJson('jaeger', res, OtlpTracesResponse), traceId);
      opts?.onTiming?.('decode', performance.now() - t1, 'http');
      return trace;
    },
    /** GET /api/dependencies: service call graph over `lookbackMs` ending at `end` (both in ms). */
    dependencies: (end: UnixMs, lookbackMs: number, opts?: CallOptions): Promise<DependencyLink[]> =>
      call('/api/dependencies', JaegerDependencies, { endTs: String(end), lookback: String(lookbackMs) }, opts).then(dataOf('dependencies', opts)),
  };
}

export type JaegerClient = ReturnType<typeof createJaegerClient>;
