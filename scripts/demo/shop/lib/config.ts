import { z } from 'zod';

/**
 * A shop service's configuration, read once from the environment that scripts/demo/shop/start-shop.ts
 * sets when it spawns the service. Demo tooling only: Sightline itself reads its env through lib/env.ts.
 */

export const SHOP_SERVICES = ['web-frontend', 'api-gateway', 'checkout', 'payment', 'inventory', 'cart', 'fulfilment'] as const;
export const ShopServiceSchema = z.enum(SHOP_SERVICES);
export type ShopService = z.infer<typeof ShopServiceSchema>;

export const ServiceConfigSchema = z.object({
  SHOP_SERVICE: ShopServiceSchema,
  SHOP_PORT: z.coerce.number().int().positive(),
  /** JSON map service name -> base URL of every shop service. */
  SHOP_PEERS: z.string().transform((s) => z.record(z.string(), z.url()).parse(JSON.parse(s))),
  SHOP_VERSION: z.string().default('v1'),
  /** OTLP/HTTP endpoints; empty disables export (the service still runs and serves metrics). */
  SHOP_OTLP_TRACES_URL: z.string().default(''),
  SHOP_OTLP_LOGS_URL: z.string().default(''),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

/** Parses this process's service configuration or exits with a line naming the problem. */
export function readServiceConfig(source: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = ServiceConfigSchema.safeParse(source);
  if (!parsed.success) {
    process.stderr.write(`shop service config invalid: ${z.prettifyError(parsed.error)}\n`);
    process.exit(2);
  }
  return parsed.data;
}

/** A short stable commit id for a service version, so build_info{commit} changes with the version. */
export function toCommit(service: string, version: string): string {
  let h = 2166136261;
  for (const ch of `${service}@${version}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 7);
}
