import { context, propagation, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { getCorrelationId } from './telemetry';
import { toExemplar, type ShopMetrics } from './metrics';

/** A dependency answered with no usable response (connection refused, timeout). */
export class DependencyError extends Error {
  constructor(readonly dependency: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface CallOptions {
  body?: unknown;
  /** Route template of the callee, for the span name (e.g. GET /stock/:id). Defaults to the path. */
  route?: string;
  timeoutMs?: number;
}
export interface CallResult { status: number; body: unknown }
export type CallService = (dependency: string, method: string, path: string, opts?: CallOptions) => Promise<CallResult>;

/**
 * Builds the function services use to call each other: a CLIENT span, the W3C traceparent and the
 * x-request-id (correlation id) on the request, and dependency metrics with trace-id exemplars.
 */
export function createCaller(opts: { peers: Record<string, string>; tracer: Tracer; metrics: ShopMetrics }): CallService {
  return async (dependency, method, path, callOpts = {}) => {
    const base = opts.peers[dependency];
    if (!base) throw new DependencyError(dependency, `unknown dependency ${dependency}`);
    const url = new URL(path, base);
    const span = opts.tracer.startSpan(`${method} ${callOpts.route ?? url.pathname}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'peer.service': dependency, 'http.request.method': method, 'url.full': url.toString(), 'server.address': url.hostname, 'server.port': Number(url.port) },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const correlationId = getCorrelationId();
    if (correlationId) headers['x-request-id'] = correlationId;
    propagation.inject(trace.setSpan(context.active(), span), headers);

    const started = performance.now();
    let status = 'error';
    try {
      const res = await fetch(url, {
        method,
        headers,
        body: callOpts.body === undefined ? undefined : JSON.stringify(callOpts.body),
        signal: AbortSignal.timeout(callOpts.timeoutMs ?? 5_000),
      });
      status = String(res.status);
      const text = await res.text();
      span.setAttribute('http.response.status_code', res.status);
      if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.status}` });
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch (err) {
      const message = err instanceof Error && err.name === 'TimeoutError' ? `timed out after ${callOpts.timeoutMs ?? 5_000}ms` : err instanceof Error ? err.message : String(err);
      span.recordException(err instanceof Error ? err : new Error(message));
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      throw new DependencyError(dependency, `${dependency} ${method} ${url.pathname}: ${message}`, { cause: err });
    } finally {
      span.end();
      const exemplarLabels = toExemplar(span.spanContext().traceId);
      opts.metrics.dependencyRequests.inc({ labels: { dependency, status }, value: 1, exemplarLabels });
      opts.metrics.dependencyDuration.observe({ labels: { dependency }, value: (performance.now() - started) / 1000, exemplarLabels });
    }
  };
}
