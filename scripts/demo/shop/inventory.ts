import { z } from 'zod';
import { SpanKind } from '@opentelemetry/api';
import { createShopKit } from './lib/service';
import { HttpError } from './lib/http-server';
import { findProduct, PRODUCTS } from './lib/catalog';
import { chance, simulateWork } from './lib/random';

/** inventory: stock levels behind a read-through cache, and reservations for checkout. */
const kit = createShopKit();
const { log, metrics, tracer } = kit;

const stock = new Map(PRODUCTS.map((p, i) => [p.id, 20 + ((i * 37) % 180)]));
// Cache entries expire so that misses keep happening, as they do with a real TTL cache.
const cache = new Map<string, { value: number; expiresAt: number }>();
const CACHE_TTL_MS = 20_000;

const ReserveSchema = z.object({ orderId: z.string().min(1), items: z.array(z.object({ productId: z.string(), quantity: z.number().int().positive() })).min(1) });

async function readStock(productId: string): Promise<number> {
  const hit = cache.get(productId);
  if (hit && hit.expiresAt > Date.now()) {
    metrics.cacheRequests.inc({ cache: 'stock', result: 'hit' });
    return hit.value;
  }
  metrics.cacheRequests.inc({ cache: 'stock', result: 'miss' });
  // A miss goes to the database: its own span so the waterfall shows where the time went.
  const value = await tracer.startActiveSpan('SELECT stock', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT', 'db.collection.name': 'stock' } }, async (span) => {
    await simulateWork(chance(0.02) ? 400 : 18, 0.6);
    span.end();
    return stock.get(productId) ?? 0;
  });
  cache.set(productId, { value, expiresAt: Date.now() + CACHE_TTL_MS * (0.5 + Math.random()) });
  return value;
}

void kit.serve([
  {
    method: 'GET',
    route: '/stock/:id',
    handler: async (req) => {
      const id = req.params.id ?? '';
      if (!findProduct(id)) throw new HttpError(404, `unknown product ${id}`);
      return { body: { productId: id, available: await readStock(id) } };
    },
  },
  {
    method: 'POST',
    route: '/reserve',
    handler: async (req) => {
      const parsed = ReserveSchema.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'invalid reservation');
      const { orderId, items } = parsed.data;
      await simulateWork(25, 0.5);
      for (const item of items) {
        const available = await readStock(item.productId);
        // A few reservations race with other buyers and find the shelf empty.
        if (available < item.quantity || chance(0.015)) {
          log.warn(`reservation rejected for order ${orderId}: ${item.productId} out of stock`, { order_id: orderId, product_id: item.productId });
          throw new HttpError(409, `${item.productId} is out of stock`);
        }
      }
      for (const item of items) {
        const left = (stock.get(item.productId) ?? 0) - item.quantity;
        // Restock when low, so the demo never sells out for good.
        stock.set(item.productId, left < 5 ? left + 200 : left);
        cache.delete(item.productId);
      }
      log.info(`reserved ${items.length} item(s) for order ${orderId}`, { order_id: orderId });
      return { status: 201, body: { orderId, reserved: items.length } };
    },
  },
]);
