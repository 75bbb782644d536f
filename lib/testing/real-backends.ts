import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startBackends, type BackendName, type RunningBackends } from '@/scripts/backends/index';

/**
 * Real backends for integration tests: the ones the test command started (URLs in the environment)
 * or, when run alone, fresh ones on free loopback ports. `stop` stops only what this call started.
 */
export async function useBackends(only: BackendName[]): Promise<{ urls: Record<'prometheus' | 'alertmanager' | 'jaeger' | 'loki' | 'jaegerOtlpHttp' | 'jaegerGrpc', string>; stop: () => Promise<void> }> {
  const fromEnv = {
    prometheus: process.env.PROMETHEUS_URL,
    alertmanager: process.env.ALERTMANAGER_URL,
    jaeger: process.env.JAEGER_URL,
    loki: process.env.LOKI_URL,
    jaegerOtlpHttp: process.env.TEST_JAEGER_OTLP_URL,
    jaegerGrpc: process.env.JAEGER_GRPC_URL,
  };
  if (Object.values(fromEnv).every(Boolean)) return { urls: fromEnv as Record<keyof typeof fromEnv, string>, stop: async () => {} };
  const running = await startOwnBackends(only);
  const u = running.urls;
  const get = (k: keyof typeof fromEnv) => (only.includes(k === 'jaegerOtlpHttp' || k === 'jaegerGrpc' ? 'jaeger' : (k as BackendName)) ? u[k] : '');
  return {
    urls: { prometheus: get('prometheus'), alertmanager: get('alertmanager'), jaeger: get('jaeger'), loki: get('loki'), jaegerOtlpHttp: get('jaegerOtlpHttp'), jaegerGrpc: get('jaegerGrpc') },
    stop: running.stop,
  };
}

/** Starts the named backends on free ports in a fresh temporary directory. */
export async function startOwnBackends(only: BackendName[], dataDir?: string, fixedPorts: Partial<Record<string, number>> = {}): Promise<RunningBackends> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'sightline-int-')));
  const names = ['prometheus', 'alertmanager', 'jaegerQuery', 'jaegerOtlpHttp', 'jaegerOtlpGrpc', 'loki', 'lokiGrpc'] as const;
  const ports: Record<string, number> = {};
  for (const n of names) ports[n] = fixedPorts[n] ?? (await freePort());
  const running = await startBackends({ dataDir: dir, only, ports, scrapeIntervalSeconds: 2, evaluationIntervalSeconds: 2, log: () => {} });
  if (dataDir) return running;
  // A directory we made is ours to remove once the backends are gone.
  return { ...running, stop: async () => (await running.stop(), await rm(dir, { recursive: true, force: true })) };
}
