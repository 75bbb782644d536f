import { randomBytes, randomUUID } from 'node:crypto';
import { PRODUCTS } from '../shop/lib/catalog';

/**
 * A few hours of recent traces and logs for a fresh demo (the live shop provides everything after
 * start): checkout and browse traces shaped like the shop's own, posted as OTLP/JSON to Jaeger and
 * to Loki in time order, with trace_id, span_id, correlation_id and level on every log record.
 */

interface SpanSpec { service: string; name: string; kind: number; startMs: number; endMs: number; spanId: string; parentId?: string; status?: number; attrs: Record<string, string | number> }
interface LogSpec { service: string; ms: number; level: 'info' | 'warn' | 'error'; body: string; spanId: string }
const KIND = { server: 2, client: 3, consumer: 5 } as const;
const SEVERITY = { info: 9, warn: 13, error: 17 } as const;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const attr = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } });
const nanos = (ms: number) => `${Math.round(ms * 1e6)}`;

/** A call from one service to another: the client span and the server span under it. */
function addCall(spans: SpanSpec[], from: { service: string; spanId: string }, to: string, method: string, route: string, startMs: number, durMs: number, status: number): SpanSpec {
  const client: SpanSpec = { service: from.service, name: `${method} ${route}`, kind: KIND.client, startMs, endMs: startMs + durMs, spanId: hex(8), parentId: from.spanId, attrs: { 'peer.service': to, 'http.response.status_code': status } };
  const server: SpanSpec = { service: to, name: `${method} ${route}`, kind: KIND.server, startMs: startMs + 1, endMs: startMs + durMs - 1, spanId: hex(8), parentId: client.spanId, status: status >= 500 ? 2 : 0, attrs: { 'http.route': route, 'http.request.method': method, 'http.response.status_code': status } };
  spans.push(client, server);
  return server;
}

function buildCheckout(t: number): { spans: SpanSpec[]; logs: LogSpec[] } {
  const spans: SpanSpec[] = [];
  const orderId = `o-${randomUUID().slice(0, 12)}`;
  const amount = (PRODUCTS[Math.floor(Math.random() * PRODUCTS.length)]?.priceCents ?? 1000) / 100;
  const pay = 80 + Math.random() * 120;
  const total = 60 + pay + 40;
  const root: SpanSpec = { service: 'web-frontend', name: 'POST /checkout', kind: KIND.server, startMs: t, endMs: t + total + 20, spanId: hex(8), attrs: { 'http.route': '/checkout', 'http.request.method': 'POST', 'http.response.status_code': 201 } };
  spans.push(root);
  const gw = addCall(spans, root, 'api-gateway', 'POST', '/api/checkout', t + 5, total + 10, 201);
  const co = addCall(spans, gw, 'checkout', 'POST', '/checkout', t + 10, total, 201);
  const cart = addCall(spans, co, 'cart', 'GET', '/carts/:id', t + 12, 20, 200);
  const inv = addCall(spans, co, 'inventory', 'POST', '/reserve', t + 34, 30, 201);
  const payment = addCall(spans, co, 'payment', 'POST', '/payments', t + 66, pay, 201);
  const ful = addCall(spans, co, 'fulfilment', 'POST', '/queue/orders', t + 70 + pay, 6, 202);
  const consumer: SpanSpec = { service: 'fulfilment', name: 'orders process', kind: KIND.consumer, startMs: t + 90 + pay, endMs: t + 250 + pay, spanId: hex(8), parentId: ful.spanId, attrs: { 'messaging.destination.name': 'orders', 'order.id': orderId } };
  spans.push(consumer);
  const logs: LogSpec[] = [
    { service: 'cart', ms: cart.endMs - 2, level: 'info', body: `cart loaded for order ${orderId}`, spanId: cart.spanId },
    { service: 'inventory', ms: inv.endMs - 2, level: 'info', body: `reserved 1 item(s) for order ${orderId}`, spanId: inv.spanId },
    { service: 'payment', ms: payment.endMs - 2, level: 'info', body: `charged ${amount.toFixed(2)} EUR for order ${orderId}`, spanId: payment.spanId },
    { service: 'checkout', ms: co.endMs - 1, level: 'info', body: `order ${orderId} placed: ${amount.toFixed(2)} EUR, 1 item(s)`, spanId: co.spanId },
    { service: 'fulfilment', ms: consumer.endMs, level: 'info', body: `order ${orderId} packed and handed to the carrier after 0s in queue`, spanId: consumer.spanId },
  ];
  return { spans, logs };
}

function buildBrowse(t: number): { spans: SpanSpec[]; logs: LogSpec[] } {
  const spans: SpanSpec[] = [];
  const id = PRODUCTS[Math.floor(Math.random() * PRODUCTS.length)]?.id ?? 'p-001';
  const root: SpanSpec = { service: 'web-frontend', name: 'GET /products/:id', kind: KIND.server, startMs: t, endMs: t + 70, spanId: hex(8), attrs: { 'http.route': '/products/:id', 'http.request.method': 'GET', 'http.response.status_code': 200 } };
  spans.push(root);
  const gw = addCall(spans, root, 'api-gateway', 'GET', '/api/products/:id', t + 4, 55, 200);
  addCall(spans, gw, 'inventory', 'GET', '/stock/:id', t + 12, 35, 200);
  return { spans, logs: Math.random() < 0.1 ? [{ service: 'api-gateway', ms: t + 50, level: 'warn', body: `stock for ${id} slow: cache miss`, spanId: gw.spanId }] : [] };
}

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}

/** Posts `hours` of traces and logs ending at endMs; returns how many traces it wrote. */
export async function pushRecentTelemetry(opts: { tracesUrl: string; logsUrl: string; hours?: number; tracesPerMinute?: number; endMs?: number }): Promise<number> {
  const end = opts.endMs ?? Date.now();
  const start = end - (opts.hours ?? 3) * 3_600_000;
  const gapMs = 60_000 / (opts.tracesPerMinute ?? 6);
  const batchMs = 10 * 60_000;
  let count = 0;
  for (let from = start; from < end; from += batchMs) {
    const bySpan = new Map<string, unknown[]>();
    const byLog = new Map<string, unknown[]>();
    for (let t = from; t < Math.min(end - 5_000, from + batchMs); t += gapMs * (0.5 + Math.random())) {
      const traceId = hex(16);
      const correlationId = `req-${randomUUID()}`;
      const { spans, logs } = Math.random() < 0.4 ? buildCheckout(t) : buildBrowse(t);
      count += 1;
      for (const s of spans) {
        const list = bySpan.get(s.service) ?? [];
        list.push({ traceId, spanId: s.spanId, parentSpanId: s.parentId ?? '', name: s.name, kind: s.kind, startTimeUnixNano: nanos(s.startMs), endTimeUnixNano: nanos(s.endMs), status: { code: s.status ?? 0 }, attributes: [...Object.entries(s.attrs).map(([k, v]) => attr(k, v)), attr('correlation_id', correlationId)] });
        bySpan.set(s.service, list);
      }
      for (const l of logs) {
        const list = byLog.get(l.service) ?? [];
        list.push({ timeUnixNano: nanos(l.ms), observedTimeUnixNano: nanos(l.ms), severityNumber: SEVERITY[l.level], severityText: l.level.toUpperCase(), body: { stringValue: l.body }, traceId, spanId: l.spanId, attributes: [attr('level', l.level), attr('correlation_id', correlationId)] });
        byLog.set(l.service, list);
      }
    }
    const resource = (service: string) => ({ attributes: [attr('service.name', service), attr('service.namespace', 'shop')] });
    await postJson(opts.tracesUrl, { resourceSpans: [...bySpan].map(([service, spans]) => ({ resource: resource(service), scopeSpans: [{ scope: { name: 'shop' }, spans }] })) });
    await postJson(opts.logsUrl, { resourceLogs: [...byLog].map(([service, logRecords]) => ({ resource: resource(service), scopeLogs: [{ scope: { name: 'shop' }, logRecords }] })) });
  }
  return count;
}
