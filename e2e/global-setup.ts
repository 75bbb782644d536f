import { freePort, writeScrapeTargets } from '../scripts/backends/index';
import { SHOP_SERVICES, type ShopService } from '../scripts/demo/shop/lib/config';
import { startShop } from '../scripts/demo/shop/start-shop';
import { startTraffic } from '../scripts/demo/traffic';

/**
 * Feeds the end-to-end backends with real telemetry: the demo shop on free loopback ports, its
 * scrape targets registered with the test Prometheus, and a steady trickle of shopper traffic.
 * Needs PROMETHEUS_URL, TEST_JAEGER_OTLP_URL, TEST_LOKI_OTLP_URL and TEST_BACKENDS_DATA_DIR (set
 * by scripts/test/run.ts); without them it does nothing and dashboards show "No data".
 */

export interface RunningShop {
  stop(): Promise<void>;
}

/** Starts the shop and traffic against the test backends, or returns null when they are not configured. */
export async function startShopForE2e(log: (line: string) => void = () => {}): Promise<RunningShop | null> {
  const { TEST_JAEGER_OTLP_URL: traces, TEST_LOKI_OTLP_URL: logs, TEST_BACKENDS_DATA_DIR: dataDir } = process.env;
  if (!traces || !logs || !dataDir) return null;
  const ports: Partial<Record<ShopService, number>> = {};
  for (const s of SHOP_SERVICES) ports[s] = await freePort();
  const shop = await startShop({ ports, tracesUrl: `${traces}/v1/traces`, logsUrl: `${logs}/v1/logs`, logDir: dataDir, log });
  writeScrapeTargets(dataDir, 'shop', shop.scrapeTargets);
  const traffic = startTraffic({ webUrl: shop.urls['web-frontend'], apiUrl: shop.urls['api-gateway'], journeysPerSecond: 3, checkoutShare: 0.3, log });
  return {
    async stop() {
      await traffic.stop();
      await shop.stop();
    },
  };
}

/** Playwright globalSetup: starts the shop once for every spec; the returned function stops it. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const shop = await startShopForE2e((l) => console.log(`  shop: ${l}`));
  if (shop) process.env.SIGHTLINE_E2E_SHOP = 'running';
  return async () => {
    await shop?.stop();
  };
}
