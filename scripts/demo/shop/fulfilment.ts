import { z } from 'zod';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createShopKit } from './lib/service';
import { HttpError } from './lib/http-server';
import { withCorrelationId, getCorrelationId } from './lib/telemetry';
import { chance, simulateWork } from './lib/random';

/**
 * fulfilment: an order queue and its consumer. POST /queue/orders enqueues (keeping the trace
 * context and correlation id in the message, as a broker's headers would); two workers pick orders
 * up and pack them, each in a CONSUMER span that continues the checkout's trace.
 */
const kit = createShopKit();
const { log, metrics, tracer } = kit;
const QUEUE = 'orders';
const WORKERS = 2;
const MAX_DEPTH = 10_000;

interface Message { orderId: string; items: number; headers: Record<string, string>; correlationId: string; attempts: number; enqueuedAt: number }
const queue: Message[] = [];
const EnqueueSchema = z.object({ orderId: z.string().min(1), items: z.number().int().min(0) });

function updateDepth() {
  metrics.queueDepth.set({ queue: QUEUE }, queue.length);
}

async function processMessage(msg: Message) {
  const parent = withCorrelationId(propagation.extract(context.active(), msg.headers), msg.correlationId);
  const span = tracer.startSpan(`${QUEUE} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'shop-queue', 'messaging.destination.name': QUEUE, 'messaging.operation.type': 'process', 'order.id': msg.orderId, 'messaging.message.delivery_count': msg.attempts + 1 } }, parent);
  await context.with(trace.setSpan(parent, span), async () => {
    await simulateWork(60 + msg.items * 40, 0.5);
    if (chance(0.01)) {
      msg.attempts += 1;
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'label printer unavailable' });
      log.warn(`packing order ${msg.orderId} failed: label printer unavailable, retry ${msg.attempts}`, { order_id: msg.orderId });
      metrics.queueMessages.inc({ queue: QUEUE, outcome: 'failed' });
      if (msg.attempts < 3) queue.push(msg);
      return;
    }
    metrics.queueMessages.inc({ queue: QUEUE, outcome: 'processed' });
    log.info(`order ${msg.orderId} packed and handed to the carrier after ${Math.round((Date.now() - msg.enqueuedAt) / 1000)}s in queue`, { order_id: msg.orderId });
  });
  span.end();
}

let running = true;
async function runWorker() {
  while (running) {
    const msg = queue.shift();
    updateDepth();
    if (!msg) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    await processMessage(msg);
  }
}

updateDepth();
void kit
  .serve(
    [
      {
        method: 'POST',
        route: '/queue/orders',
        handler: async (req) => {
          const parsed = EnqueueSchema.safeParse(req.body);
          if (!parsed.success) throw new HttpError(400, 'invalid order message');
          if (queue.length >= MAX_DEPTH) {
            log.error(`queue ${QUEUE} full (${MAX_DEPTH}); rejecting order ${parsed.data.orderId}`);
            throw new HttpError(503, 'queue full');
          }
          const headers: Record<string, string> = {};
          propagation.inject(context.active(), headers);
          queue.push({ ...parsed.data, headers, correlationId: getCorrelationId() ?? req.correlationId, attempts: 0, enqueuedAt: Date.now() });
          metrics.queueMessages.inc({ queue: QUEUE, outcome: 'enqueued' });
          updateDepth();
          return { status: 202, body: { queued: true, depth: queue.length } };
        },
      },
    ],
    () => {
      running = false;
    },
  )
  .then(() => {
    for (let i = 0; i < WORKERS; i++) void runWorker();
  });
