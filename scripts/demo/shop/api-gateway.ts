import { createShopKit } from './lib/service';
import { HttpError, type ShopReply } from './lib/http-server';
import type { CallResult } from './lib/http-client';
import { findProduct, PRODUCTS } from './lib/catalog';
import { pickOne, simulateWork } from './lib/random';

/** api-gateway: the shop's public API. Authenticates (simulated), then fans out to the services. */
const kit = createShopKit();
const { log, call } = kit;

/** Passes a downstream answer through; a downstream 5xx becomes a 502 with a clear log line. */
function relay(what: string, res: CallResult): ShopReply {
  if (res.status >= 500) {
    log.error(`${what} failed upstream with ${res.status}`, { upstream_status: res.status });
    return { status: 502, body: { error: { code: 'UPSTREAM_FAILED', message: `${what} failed` } } };
  }
  if (res.status >= 400) log.info(`${what} rejected with ${res.status}`, { upstream_status: res.status });
  return { status: res.status, body: res.body };
}

async function authenticate() {
  // Token check against a local key cache: fast, occasionally slower on a refresh.
  await simulateWork(3, 0.8);
}

void kit.serve([
  {
    method: 'GET',
    route: '/api/products',
    handler: async () => {
      await authenticate();
      // Featured products show live stock: two inventory calls in parallel.
      const featured = [pickOne(PRODUCTS), pickOne(PRODUCTS)];
      const stock = await Promise.all(featured.map((p) => call('inventory', 'GET', `/stock/${p.id}`, { route: '/stock/:id' })));
      if (stock.some((s) => s.status >= 500)) log.warn('stock unavailable for featured products; listing without it');
      await simulateWork(15, 0.5);
      return { body: { products: PRODUCTS, featured: featured.map((p, i) => ({ ...p, stock: stock[i]?.body })) } };
    },
  },
  {
    method: 'GET',
    route: '/api/products/:id',
    handler: async (req) => {
      await authenticate();
      const product = findProduct(req.params.id ?? '');
      if (!product) {
        log.info(`product ${req.params.id} not found`);
        throw new HttpError(404, `product ${req.params.id} not found`);
      }
      const stock = await call('inventory', 'GET', `/stock/${product.id}`, { route: '/stock/:id' });
      return relay(`stock for ${product.id}`, stock.status < 300 ? { status: 200, body: { ...product, stock: stock.body } } : stock);
    },
  },
  {
    method: 'POST',
    route: '/api/cart',
    handler: async (req) => {
      await authenticate();
      return relay('add to cart', await call('cart', 'POST', '/carts', { body: req.body }));
    },
  },
  {
    method: 'GET',
    route: '/api/cart/:id',
    handler: async (req) => {
      await authenticate();
      return relay(`cart ${req.params.id}`, await call('cart', 'GET', `/carts/${encodeURIComponent(req.params.id ?? '')}`, { route: '/carts/:id' }));
    },
  },
  {
    method: 'POST',
    route: '/api/checkout',
    handler: async (req) => {
      await authenticate();
      return relay('checkout', await call('checkout', 'POST', '/checkout', { body: req.body, timeoutMs: 8_000 }));
    },
  },
  {
    method: 'GET',
    route: '/api/orders/:id',
    handler: async (req) => {
      await authenticate();
      return relay(`order ${req.params.id}`, await call('checkout', 'GET', `/orders/${encodeURIComponent(req.params.id ?? '')}`, { route: '/orders/:id' }));
    },
  },
]);
