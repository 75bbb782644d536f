import { writeScrapeTargets, type RunningBackends } from '../backends/index';
import { SHOP_SERVICES, type ShopService } from './shop/lib/config';
import { DEFAULT_SHOP_PORTS, startShop, type Shop } from './shop/start-shop';

/** Glue between the backends and the shop, shared by `npm run demo` and the demo tests. */

/** The `instance` label Prometheus gives each shop service (its scrape address). */
export function toInstances(ports: Partial<Record<ShopService, number>> = {}): Record<ShopService, string> {
  const all = { ...DEFAULT_SHOP_PORTS, ...ports };
  return Object.fromEntries(SHOP_SERVICES.map((s) => [s, `127.0.0.1:${all[s]}`])) as Record<ShopService, string>; // one entry per service
}

/** Starts the shop exporting to the given backends and registers its scrape targets with Prometheus. */
export async function startDemoShop(opts: { backends: RunningBackends; ports?: Partial<Record<ShopService, number>>; log?: (line: string) => void }): Promise<Shop> {
  const { urls } = opts.backends;
  const shop = await startShop({ ports: opts.ports, tracesUrl: `${urls.jaegerOtlpHttp}/v1/traces`, logsUrl: `${urls.lokiOtlp}/v1/logs`, logDir: opts.backends.logDir, log: opts.log });
  writeScrapeTargets(opts.backends.dataDir, 'shop', shop.scrapeTargets);
  return shop;
}

/** Polls `check` every intervalMs until it returns a value (not undefined) or timeoutMs passes. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 1_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`, { cause: lastError });
}
