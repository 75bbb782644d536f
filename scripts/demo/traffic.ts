import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PRODUCTS } from './shop/lib/catalog';
import { chance, pickOne, sleep } from './shop/lib/random';

/**
 * Traffic for the demo shop: shoppers browsing the web frontend, mobile clients calling the public
 * API directly, and a share of them buying. Every request carries a fresh x-request-id (the
 * correlation id). Journeys start as a Poisson process at a bounded rate with a cap on concurrency.
 */

export interface TrafficOptions {
  webUrl: string;
  apiUrl: string;
  /** Journeys started per second (each is 1-5 requests). */
  journeysPerSecond?: number;
  /** Fraction of journeys that end in a checkout. */
  checkoutShare?: number;
  maxInFlight?: number;
  log?: (line: string) => void;
}
export interface TrafficStats { requests: number; byStatus: Record<string, number>; dropped: number; failed: number }
export interface Traffic { stats: TrafficStats; stop(): Promise<void> }

const CartSchema = z.object({ data: z.object({ id: z.string() }) });
const OrderSchema = z.object({ data: z.object({ id: z.string() }) });

/** Starts generating traffic until stop() is called. */
export function startTraffic(opts: TrafficOptions): Traffic {
  const rate = opts.journeysPerSecond ?? 4;
  const checkoutShare = opts.checkoutShare ?? 0.15;
  const maxInFlight = opts.maxInFlight ?? 40;
  const abort = new AbortController();
  const stats: TrafficStats = { requests: 0, byStatus: {}, dropped: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();

  const request = async (base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-request-id': `req-${randomUUID()}`, 'user-agent': 'shop-traffic/1.0' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(15_000)]),
    });
    stats.requests += 1;
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const web = (method: string, path: string, body?: unknown) => request(opts.webUrl, method, path, body);
  const api = (method: string, path: string, body?: unknown) => request(opts.apiUrl, method, path, body);
  // A few product ids that do not exist: stale links and typos give the public API its 404s.
  const productId = () => (chance(0.04) ? `p-${900 + Math.floor(Math.random() * 99)}` : pickOne(PRODUCTS).id);

  const buy = async () => {
    let cartId: string | undefined;
    const items = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < items; i++) {
      const res = await web('POST', '/cart', { cartId, productId: pickOne(PRODUCTS).id, quantity: chance(0.8) ? 1 : 2 });
      const parsed = CartSchema.safeParse(res.json);
      if (!parsed.success) return;
      cartId = parsed.data.data.id;
      await sleep(200 + Math.random() * 600);
    }
    if (!cartId) return;
    await web('GET', `/cart/${cartId}`);
    const placed = await web('POST', '/checkout', { cartId });
    const order = OrderSchema.safeParse(placed.json);
    if (placed.status === 201 && order.success) {
      await sleep(500 + Math.random() * 1500);
      await (chance(0.5) ? web('GET', `/orders/${order.data.data.id}`) : api('GET', `/api/orders/${order.data.data.id}`));
    }
  };

  const journey = async () => {
    const r = Math.random();
    if (r < checkoutShare) return buy();
    const rest = (r - checkoutShare) / (1 - checkoutShare);
    if (rest < 0.3) return void (await web('GET', '/'));
    if (rest < 0.6) return void (await web('GET', `/products/${productId()}`));
    if (rest < 0.75) return void (await api('GET', '/api/products'));
    if (rest < 0.9) return void (await api('GET', `/api/products/${productId()}`));
    if (rest < 0.95) return void (await api('GET', `/api/orders/o-${randomUUID().slice(0, 12)}`)); // order links from old emails: 404
    if (rest < 0.98) return void (await api('GET', `/api/cart/c-${randomUUID().slice(0, 8)}`)); // expired carts: 404
    return void (await api('POST', '/api/cart', { quantity: 0 })); // a buggy client: 400
  };

  const launch = () => {
    if (inFlight.size >= maxInFlight) {
      stats.dropped += 1;
      return;
    }
    const p: Promise<void> = journey()
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        stats.failed += 1;
        if (stats.failed % 50 === 1) opts.log?.(`traffic: request failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  // Poisson arrivals: exponential gaps around the mean rate.
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const gapMs = Math.min(5_000, (-Math.log(1 - Math.random()) / rate) * 1000);
    timer = setTimeout(() => {
      launch();
      schedule();
    }, gapMs);
  };
  schedule();

  return {
    stats,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      // Let running journeys finish briefly, then abort the rest.
      await Promise.race([Promise.allSettled([...inFlight]), sleep(3_000)]);
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
