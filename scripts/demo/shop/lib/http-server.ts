import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace, INVALID_SPAN_CONTEXT, type Span, type Tracer } from '@opentelemetry/api';
import { withCorrelationId, type ShopLog } from './telemetry';
import { toExemplar, type ShopMetrics } from './metrics';

/** An error a handler throws to answer with a status code (4xx or 5xx) and a message. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface ShopRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  correlationId: string;
  span: Span;
}
export interface ShopReply { status?: number; body?: unknown }
export type ShopHandler = (req: ShopRequest) => Promise<ShopReply>;
export interface ShopRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Route template, e.g. /api/orders/:id; it becomes the `route` metric label and the span name. */
  route: string;
  handler: ShopHandler;
  /** Admin routes are neither traced nor counted. */
  instrument?: boolean;
}

interface CompiledRoute extends ShopRoute { pattern: RegExp; keys: string[] }

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_BODY_BYTES = 64 * 1024;

function compile(route: ShopRoute): CompiledRoute {
  const keys: string[] = [];
  const source = route.route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '/([^/]+)'));
  return { ...route, pattern: new RegExp(`^${source}$`), keys };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer; // node:http yields Buffers when no encoding is set
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (err) {
    throw new HttpError(400, 'request body is not valid JSON', { cause: err });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Serves routes with a server span, correlation id, request metrics and exemplars; plus /metrics and /healthz. */
export function serveRoutes(opts: { port: number; routes: ShopRoute[]; tracer: Tracer; metrics: ShopMetrics; log: ShopLog }): Promise<Server> {
  const routes = opts.routes.map(compile);
  const { tracer, metrics, log } = opts;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return;
    }
    if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'ok' });

    let match: RegExpExecArray | null = null;
    const route = routes.find((r) => r.method === req.method && (match = r.pattern.exec(url.pathname)) !== null);
    if (!route || !match) return send(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` } });
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent((match as RegExpExecArray)[i + 1] ?? '')]));

    const incoming = req.headers['x-request-id'];
    const correlationId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    if (route.instrument === false) {
      const reply = await route.handler({ params, query: url.searchParams, body: await readBody(req), correlationId, span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT) });
      return send(res, reply.status ?? 200, reply.body);
    }

    const parent = withCorrelationId(propagation.extract(context.active(), req.headers), correlationId);
    const started = performance.now();
    const span = tracer.startSpan(`${req.method} ${route.route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': route.method, 'http.route': route.route, 'url.path': url.pathname, 'server.port': opts.port },
    }, parent);
    let status = 200;
    let body: unknown;
    // The span is active while the handler runs, so child calls and log lines belong to it.
    await context.with(trace.setSpan(parent, span), async () => {
      try {
        const reply = await route.handler({ params, query: url.searchParams, body: await readBody(req), correlationId, span });
        status = reply.status ?? 200;
        body = reply.body;
      } catch (err) {
        status = err instanceof HttpError ? err.status : 500;
        const message = err instanceof Error ? err.message : String(err);
        body = { error: { code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message } };
        if (!(err instanceof HttpError)) log.error(`unhandled error in ${route.method} ${route.route}: ${message}`, { route: route.route });
        span.recordException(err instanceof Error ? err : new Error(message));
      }
    });
    const seconds = (performance.now() - started) / 1000;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
    span.end();
    const labels = { route: route.route, method: route.method, status: String(status) };
    const exemplarLabels = toExemplar(span.spanContext().traceId);
    metrics.requests.inc({ labels, value: 1, exemplarLabels });
    metrics.requestDuration.observe({ labels, value: seconds, exemplarLabels });
    send(res, status, body, { 'x-request-id': correlationId, 'x-trace-id': span.spanContext().traceId });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error(`request failed before a reply: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve(server));
  });
}
