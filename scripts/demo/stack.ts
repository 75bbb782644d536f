import { freePort, startBackends, writeScrapeTargets, type RunningBackends } from '../backends/index';
import { SHOP_SERVICES, type ShopService } from './shop/lib/config';
import { DEFAULT_SHOP_PORTS, startShop, type Shop } from './shop/start-shop';
import { startTraffic, type Traffic } from './traffic';

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

export interface DemoStack { backends: RunningBackends; shop: Shop; traffic: Traffic; shopPorts: Record<ShopService, number>; stop(): Promise<void> }

/**
 * For tests: Prometheus, Alertmanager, Jaeger and Loki on free ports (1 s scrape and evaluation),
 * the shop on free ports and traffic. `beforeBackends` runs first (e.g. a history backfill that
 * needs the shop's ports). On failure everything started is stopped.
 */
export async function startDemoStack(opts: { dataDir: string; ruleFiles: string[]; journeysPerSecond?: number; checkoutShare?: number; beforeBackends?: (shopPorts: Record<ShopService, number>) => Promise<void> }): Promise<DemoStack> {
  const shopPorts = {} as Record<ShopService, number>; // filled for every service just below
  for (const s of SHOP_SERVICES) shopPorts[s] = await freePort();
  await opts.beforeBackends?.(shopPorts);
  const ports = { prometheus: await freePort(), alertmanager: await freePort(), jaegerQuery: await freePort(), jaegerOtlpHttp: await freePort(), jaegerOtlpGrpc: await freePort(), loki: await freePort(), lokiGrpc: await freePort() };
  const backends = await startBackends({ dataDir: opts.dataDir, only: ['prometheus', 'alertmanager', 'jaeger', 'loki'], ports, scrapeIntervalSeconds: 1, evaluationIntervalSeconds: 1, ruleFiles: opts.ruleFiles, log: () => undefined });
  let shop: Shop;
  try {
    shop = await startDemoShop({ backends, ports: shopPorts });
  } catch (err) {
    await backends.stop();
    throw err;
  }
  const traffic = startTraffic({ webUrl: shop.urls['web-frontend'], apiUrl: shop.urls['api-gateway'], journeysPerSecond: opts.journeysPerSecond ?? 6, checkoutShare: opts.checkoutShare ?? 0.35 });
  return {
    backends, shop, traffic, shopPorts,
    stop: async () => {
      await traffic.stop();
      await shop.stop();
      await backends.stop();
    },
  };
}
