import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createShopKit } from './lib/service';
import { HttpError } from './lib/http-server';
import { findProduct } from './lib/catalog';
import { simulateWork } from './lib/random';

/** cart: shopping carts in a store with a hot cache in front. */
const kit = createShopKit();
const { log, metrics } = kit;

interface Cart { id: string; items: { productId: string; quantity: number }[]; updatedAt: number }
const store = new Map<string, Cart>();
const hot = new Set<string>();
const MAX_CARTS = 5_000;

const AddSchema = z.object({ cartId: z.string().optional(), productId: z.string().min(1), quantity: z.number().int().min(1).max(20).default(1) });

async function loadCart(id: string): Promise<Cart | undefined> {
  if (hot.has(id)) {
    metrics.cacheRequests.inc({ cache: 'cart', result: 'hit' });
    await simulateWork(2, 0.3);
    return store.get(id);
  }
  metrics.cacheRequests.inc({ cache: 'cart', result: 'miss' });
  await simulateWork(30, 0.6);
  const cart = store.get(id);
  if (cart) hot.add(id);
  return cart;
}

function saveCart(cart: Cart) {
  store.set(cart.id, cart);
  if (store.size > MAX_CARTS) {
    const oldest = store.keys().next().value;
    if (oldest) {
      store.delete(oldest);
      hot.delete(oldest);
    }
  }
  // The hot set is small: most reads after a while miss.
  if (hot.size > 200) hot.clear();
  hot.add(cart.id);
}

void kit.serve([
  {
    method: 'POST',
    route: '/carts',
    handler: async (req) => {
      const parsed = AddSchema.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'invalid cart item');
      const { cartId, productId, quantity } = parsed.data;
      if (!findProduct(productId)) throw new HttpError(400, `unknown product ${productId}`);
      const cart = (cartId ? await loadCart(cartId) : undefined) ?? { id: cartId ?? `c-${randomUUID().slice(0, 8)}`, items: [], updatedAt: 0 };
      cart.items.push({ productId, quantity });
      cart.updatedAt = Date.now();
      await simulateWork(8, 0.5);
      saveCart(cart);
      log.info(`added ${quantity} x ${productId} to cart ${cart.id}`, { cart_id: cart.id });
      return { status: 201, body: cart };
    },
  },
  {
    method: 'GET',
    route: '/carts/:id',
    handler: async (req) => {
      const id = req.params.id ?? '';
      const cart = await loadCart(id);
      if (!cart) {
        log.warn(`cart ${id} not found (expired or never created)`, { cart_id: id });
        throw new HttpError(404, `cart ${id} not found`);
      }
      return { body: cart };
    },
  },
]);
