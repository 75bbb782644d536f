import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createShopKit } from './lib/service';
import { HttpError } from './lib/http-server';
import { DependencyError } from './lib/http-client';
import { findProduct } from './lib/catalog';
import { toExemplar } from './lib/metrics';
import { getTraceId } from './lib/telemetry';
import { simulateWork } from './lib/random';

/** checkout: turns a cart into an order: cart -> inventory -> payment -> fulfilment queue. */
const kit = createShopKit();
const { log, metrics, call } = kit;

const CheckoutSchema = z.object({ cartId: z.string().min(1) });
const CartSchema = z.object({ id: z.string(), items: z.array(z.object({ productId: z.string(), quantity: z.number() })) });
interface Order { id: string; cartId: string; amountCents: number; status: 'placed' | 'failed'; createdAt: string }
const orders = new Map<string, Order>();

function recordOrder(order: Order) {
  orders.set(order.id, order);
  if (orders.size > 10_000) orders.delete(orders.keys().next().value ?? '');
  metrics.orders.inc({ labels: { status: order.status }, value: 1, exemplarLabels: toExemplar(getTraceId()) });
}

void kit.serve([
  {
    method: 'POST',
    route: '/checkout',
    handler: async (req) => {
      const parsed = CheckoutSchema.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'cartId is required');
      const { cartId } = parsed.data;
      const orderId = `o-${randomUUID().slice(0, 12)}`;
      req.span.setAttributes({ 'order.id': orderId, 'cart.id': cartId });

      const cartRes = await call('cart', 'GET', `/carts/${encodeURIComponent(cartId)}`, { route: '/carts/:id' });
      if (cartRes.status === 404) throw new HttpError(400, `cart ${cartId} does not exist`);
      const cart = CartSchema.parse(cartRes.body);
      const amountCents = cart.items.reduce((sum, it) => sum + (findProduct(it.productId)?.priceCents ?? 0) * it.quantity, 0);

      const reserve = await call('inventory', 'POST', '/reserve', { body: { orderId, items: cart.items } });
      if (reserve.status === 409) {
        recordOrder({ id: orderId, cartId, amountCents, status: 'failed', createdAt: new Date().toISOString() });
        throw new HttpError(409, 'an item in the cart is out of stock');
      }

      let paymentStatus: number;
      try {
        paymentStatus = (await call('payment', 'POST', '/payments', { body: { orderId, amountCents, currency: 'EUR' }, timeoutMs: 5_000 })).status;
      } catch (err) {
        if (!(err instanceof DependencyError)) throw err;
        paymentStatus = 504;
      }
      if (paymentStatus >= 400) {
        recordOrder({ id: orderId, cartId, amountCents, status: 'failed', createdAt: new Date().toISOString() });
        if (paymentStatus === 402) {
          log.warn(`order ${orderId} not placed: card declined`, { order_id: orderId });
          throw new HttpError(402, 'payment declined');
        }
        log.error(`order ${orderId} failed: payment service answered ${paymentStatus}`, { order_id: orderId, payment_status: paymentStatus });
        throw new HttpError(502, `payment failed (${paymentStatus}); the order was not placed`);
      }

      await simulateWork(6, 0.4);
      const order: Order = { id: orderId, cartId, amountCents, status: 'placed', createdAt: new Date().toISOString() };
      recordOrder(order);
      const queued = await call('fulfilment', 'POST', '/queue/orders', { body: { orderId, items: cart.items.length } });
      if (queued.status >= 300) log.warn(`order ${orderId} placed but not queued for fulfilment (${queued.status})`, { order_id: orderId });
      log.info(`order ${orderId} placed: ${(amountCents / 100).toFixed(2)} EUR, ${cart.items.length} item(s)`, { order_id: orderId });
      return { status: 201, body: order };
    },
  },
  {
    method: 'GET',
    route: '/orders/:id',
    handler: async (req) => {
      await simulateWork(12, 0.5);
      const order = orders.get(req.params.id ?? '');
      if (!order) throw new HttpError(404, `order ${req.params.id} not found`);
      return { body: order };
    },
  },
]);
