import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SHOP_SERVICES, type ShopService } from './lib/config';

/** Where each shop service listens by default (the contract's 8080-8089 range). */
export const DEFAULT_SHOP_PORTS: Record<ShopService, number> = { 'web-frontend': 8080, 'api-gateway': 8081, checkout: 8082, payment: 8083, inventory: 8084, cart: 8085, fulfilment: 8086 };

export interface StartShopOptions {
  ports?: Partial<Record<ShopService, number>>;
  /** OTLP/HTTP traces endpoint (Jaeger), e.g. http://127.0.0.1:4318/v1/traces. */
  tracesUrl: string;
  /** OTLP/HTTP logs endpoint (Loki), e.g. http://127.0.0.1:3100/otlp/v1/logs. */
  logsUrl: string;
  logDir: string;
  paymentVersion?: 'v1' | 'v2';
  log?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface Shop {
  urls: Record<ShopService, string>;
  logDir: string;
  /** Prometheus file_sd target groups for every service (job "shop"). */
  scrapeTargets: { targets: string[]; labels?: Record<string, string> }[];
  /** Switches payment's version at runtime (deploy or rollback). */
  setPaymentVersion(version: 'v1' | 'v2'): Promise<void>;
  stop(): Promise<void>;
}

const HERE = import.meta.dirname;

async function waitHealthy(service: string, url: string, child: ChildProcess, deadline: number, logFile: string) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`shop service ${service} exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`shop service ${service} not healthy at ${url} in time; see ${logFile}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });
}

/** Starts the seven shop services as separate Node processes and waits until each answers /healthz. */
export async function startShop(opts: StartShopOptions): Promise<Shop> {
  const ports = { ...DEFAULT_SHOP_PORTS, ...opts.ports };
  const urls = Object.fromEntries(SHOP_SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}`])) as Record<ShopService, string>; // built from the full service list
  mkdirSync(opts.logDir, { recursive: true });
  const children = new Map<ShopService, ChildProcess>();
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all([...children.values()].map(stopChild));
  };

  try {
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    const waits = SHOP_SERVICES.map((service) => {
      const logFile = path.join(opts.logDir, `shop-${service}.log`);
      const out = createWriteStream(logFile, { flags: 'a' });
      // `node --import tsx` runs TypeScript in one process (the tsx CLI would add a supervisor).
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, `${service}.ts`)], {
        env: {
          ...process.env,
          SHOP_SERVICE: service,
          SHOP_PORT: String(ports[service]),
          SHOP_PEERS: JSON.stringify(urls),
          SHOP_VERSION: service === 'payment' ? (opts.paymentVersion ?? 'v1') : 'v1',
          SHOP_OTLP_TRACES_URL: opts.tracesUrl,
          SHOP_OTLP_LOGS_URL: opts.logsUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      child.once('exit', (code, signal) => {
        // Exit 0 is a clean stop (a terminal's Ctrl-C reaches the services too); anything else is a crash.
        if (!stopping && code !== 0) opts.log?.(`shop service ${service} exited (${signal ?? code}); see ${logFile}`);
      });
      children.set(service, child);
      return waitHealthy(service, urls[service], child, deadline, logFile);
    });
    await Promise.all(waits);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    urls,
    logDir: opts.logDir,
    scrapeTargets: SHOP_SERVICES.map((s) => ({ targets: [`127.0.0.1:${ports[s]}`] })),
    setPaymentVersion: async (version) => {
      const res = await fetch(`${urls.payment}/admin/version`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }), signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`payment refused version ${version}: HTTP ${res.status}`);
    },
    stop,
  };
}
