import { createShopKit } from './lib/service';
import type { ShopReply } from './lib/http-server';
import type { CallResult } from './lib/http-client';
import { simulateWork } from './lib/random';

/**
 * web-frontend: server-rendered pages of the shop. Each page calls the public API on api-gateway
 * (as the browser's server-side renderer would), so a page view's trace starts here.
 */
const kit = createShopKit();
const { log, call } = kit;

/** Renders a page from an API answer: API errors become the page's status. */
async function render(page: string, res: CallResult): Promise<ShopReply> {
  await simulateWork(12, 0.4);
  if (res.status >= 500) log.error(`page ${page} rendered an error: the API answered ${res.status}`, { page, upstream_status: res.status });
  return { status: res.status, body: { page, data: res.body } };
}

void kit.serve([
  { method: 'GET', route: '/', handler: async () => render('home', await call('api-gateway', 'GET', '/api/products')) },
  { method: 'GET', route: '/products/:id', handler: async (req) => render('product', await call('api-gateway', 'GET', `/api/products/${encodeURIComponent(req.params.id ?? '')}`, { route: '/api/products/:id' })) },
  { method: 'POST', route: '/cart', handler: async (req) => render('cart', await call('api-gateway', 'POST', '/api/cart', { body: req.body })) },
  { method: 'GET', route: '/cart/:id', handler: async (req) => render('cart', await call('api-gateway', 'GET', `/api/cart/${encodeURIComponent(req.params.id ?? '')}`, { route: '/api/cart/:id' })) },
  { method: 'POST', route: '/checkout', handler: async (req) => render('checkout', await call('api-gateway', 'POST', '/api/checkout', { body: req.body, timeoutMs: 10_000 })) },
  { method: 'GET', route: '/orders/:id', handler: async (req) => render('order', await call('api-gateway', 'GET', `/api/orders/${encodeURIComponent(req.params.id ?? '')}`, { route: '/api/orders/:id' })) },
]);
