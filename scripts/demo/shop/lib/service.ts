import type { Server } from 'node:http';
import { readServiceConfig, type ServiceConfig } from './config';
import { createShopMetrics, type ShopMetrics } from './metrics';
import { startTelemetry, type ShopLog } from './telemetry';
import { createCaller, type CallService } from './http-client';
import { serveRoutes, type ShopRoute } from './http-server';
import type { Tracer } from '@opentelemetry/api';

export interface ShopKit {
  config: ServiceConfig;
  log: ShopLog;
  tracer: Tracer;
  metrics: ShopMetrics;
  call: CallService;
  /** Starts serving; the process exits cleanly (flushing telemetry) on SIGTERM/SIGINT. */
  serve(routes: ShopRoute[], onStop?: () => void): Promise<Server>;
}

/** Everything a shop service needs, from its environment: config, telemetry, metrics, a caller. */
export function createShopKit(): ShopKit {
  const config = readServiceConfig();
  const telemetry = startTelemetry({ service: config.SHOP_SERVICE, version: config.SHOP_VERSION, tracesUrl: config.SHOP_OTLP_TRACES_URL, logsUrl: config.SHOP_OTLP_LOGS_URL });
  const metrics = createShopMetrics(config.SHOP_SERVICE, config.SHOP_VERSION);
  const call = createCaller({ peers: config.SHOP_PEERS, tracer: telemetry.tracer, metrics });
  const { log, tracer } = telemetry;
  return {
    config, log, tracer, metrics, call,
    serve: async (routes, onStop) => {
      const server = await serveRoutes({ port: config.SHOP_PORT, routes, tracer, metrics, log });
      log.info(`${config.SHOP_SERVICE} ${config.SHOP_VERSION} listening on 127.0.0.1:${config.SHOP_PORT}`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        onStop?.();
        server.closeAllConnections();
        server.close();
        // Bounded: a dead collector must not keep the process alive.
        void Promise.race([telemetry.shutdown(), new Promise((r) => setTimeout(r, 2_000))]).then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      return server;
    },
  };
}
