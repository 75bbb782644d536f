import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveAlertmanager, resolveGoBackend, resolvePostgresBin, resolvePrometheus } from './binaries';
import { planAlertmanager, planJaeger, planLoki, planPrometheus, type BackendName, type LaunchPlan, type PlanContext } from './launch-plans';
import { BackendStartError, startManagedProcess, waitUntilReady, type ManagedProcess } from './managed-process';
import { DEFAULT_PORTS, freePort, isPortFree, type PortName } from './ports';
import { planPostgres, postgresUrl } from './postgres';
import { isHttpOk, isPostgresReady } from './probes';
import { assertNotRunning, clearState, wipeDataDir, writeState } from './state';

export type { BackendName } from './launch-plans';
export { BackendStartError } from './managed-process';
export { DEFAULT_PORTS, freePort } from './ports';
export { writeScrapeTargets, scrapeTargetsFile, scrapeTokenFile, type ScrapeTargetGroup } from './scrape-targets';
export { wipeDataDir, readState, livingProcesses } from './state';

/** Every backend, in the order they are listed to users. */
export const BACKEND_NAMES: readonly BackendName[] = ['prometheus', 'alertmanager', 'jaeger', 'loki', 'postgres'];
/** The generated SLO rules (another module writes them); Prometheus loads every file matching this glob. */
export const DEFAULT_RULE_FILES = [path.join(import.meta.dirname, 'prometheus', 'rules', '*.yml')];

/** Ports a caller may choose (the Jaeger query gRPC port is internal). */
export type BackendPortName = Exclude<PortName, 'jaegerQueryGrpc'>;

/** Options of startBackends. */
export type StartBackendsOptions = {
  /** Run as root, PostgreSQL runs as the postgres user: every parent of dataDir needs o+x (mkdtemp makes 0700). */
  dataDir: string;
  /** Delete dataDir first. */
  fresh?: boolean;
  /** Start only these (default: all). */
  only?: BackendName[];
  /** Defaults: the upstream ports in DEFAULT_PORTS. */
  ports?: Partial<Record<BackendPortName, number>>;
  scrapeIntervalSeconds?: number;
  evaluationIntervalSeconds?: number;
  /** Absolute paths or globs; default DEFAULT_RULE_FILES. */
  ruleFiles?: string[];
  /** Use these existing backends (base URL; for postgres a connection URL) instead of starting them. */
  external?: Partial<Record<BackendName, string>>;
  log?: (line: string) => void;
};

/** Base URLs of the backends (postgres: a connection URL). Reading one that was not started throws. */
export type BackendUrls = {
  prometheus: string;
  alertmanager: string;
  /** Jaeger query API base (GET /api/traces/{id}). */
  jaeger: string;
  /** Jaeger OTLP/HTTP receiver base (POST /v1/traces). */
  jaegerOtlpHttp: string;
  /** Jaeger query gRPC base (API v3, jaeger.api_v3.QueryService). */
  jaegerGrpc: string;
  loki: string;
  /** Loki OTLP base (POST /v1/logs under it). */
  lokiOtlp: string;
  postgres: string;
};

/** Backends started (or adopted) by startBackends. */
export type RunningBackends = {
  urls: BackendUrls;
  dataDir: string;
  logDir: string;
  /** Log file of each started backend. */
  logFiles: Partial<Record<BackendName, string>>;
  /** Stops every started child and waits for it; safe to call twice. */
  stop: () => Promise<void>;
};

type UrlKey = keyof BackendUrls;
const URL_OWNER: Record<UrlKey, BackendName> = {
  prometheus: 'prometheus',
  alertmanager: 'alertmanager',
  jaeger: 'jaeger',
  jaegerOtlpHttp: 'jaeger',
  jaegerGrpc: 'jaeger',
  loki: 'loki',
  lokiOtlp: 'loki',
  postgres: 'postgres',
};

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function urlsFor(name: BackendName, ports: Record<PortName, number>, external: string | undefined): Partial<BackendUrls> {
  const base = (port: number) => `http://127.0.0.1:${port}`;
  switch (name) {
    case 'prometheus':
      return { prometheus: trimSlash(external ?? base(ports.prometheus)) };
    case 'alertmanager':
      return { alertmanager: trimSlash(external ?? base(ports.alertmanager)) };
    case 'jaeger': {
      if (!external) return { jaeger: base(ports.jaegerQuery), jaegerOtlpHttp: base(ports.jaegerOtlpHttp), jaegerGrpc: base(ports.jaegerQueryGrpc) };
      // An external Jaeger is assumed to receive OTLP/HTTP and serve query gRPC on the standard ports of the same host.
      const onPort = (port: number) => {
        const u = new URL(external);
        u.port = String(port);
        return trimSlash(u.origin);
      };
      return { jaeger: trimSlash(external), jaegerOtlpHttp: onPort(DEFAULT_PORTS.jaegerOtlpHttp), jaegerGrpc: onPort(DEFAULT_PORTS.jaegerQueryGrpc) };
    }
    case 'loki': {
      const loki = trimSlash(external ?? base(ports.loki));
      return { loki, lokiOtlp: `${loki}/otlp` };
    }
    case 'postgres':
      return { postgres: external ?? postgresUrl(ports.postgres) };
  }
}

function probeExternal(name: BackendName, url: string): Promise<boolean> {
  const path = { prometheus: '/-/ready', alertmanager: '/-/ready', jaeger: '/api/services', loki: '/ready' } as const;
  return name === 'postgres' ? isPostgresReady(url) : isHttpOk(`${trimSlash(url)}${path[name]}`);
}

function buildUrls(known: Partial<BackendUrls>, only: readonly BackendName[]): BackendUrls {
  const urls = {} as BackendUrls; // filled with a getter per key just below
  for (const key of Object.keys(URL_OWNER) as UrlKey[]) {
    Object.defineProperty(urls, key, {
      enumerable: known[key] !== undefined,
      get: () => {
        const value = known[key];
        if (value === undefined) throw new Error(`backends: ${URL_OWNER[key]} was not started (only: ${only.join(', ')})`);
        return value;
      },
    });
  }
  return urls;
}

async function resolvePorts(requested: StartBackendsOptions['ports']): Promise<Record<PortName, number>> {
  const ports: Record<PortName, number> = { ...DEFAULT_PORTS, ...requested };
  // The query gRPC port is internal: upstream default with the default query port, else any free one.
  if (ports.jaegerQuery !== DEFAULT_PORTS.jaegerQuery) ports.jaegerQueryGrpc = await freePort();
  return ports;
}

const PORTS_OF: Record<BackendName, PortName[]> = {
  prometheus: ['prometheus'],
  alertmanager: ['alertmanager'],
  jaeger: ['jaegerQuery', 'jaegerQueryGrpc', 'jaegerOtlpHttp', 'jaegerOtlpGrpc'],
  loki: ['loki', 'lokiGrpc'],
  postgres: ['postgres'],
};

async function assertPortsFree(names: BackendName[], ports: Record<PortName, number>): Promise<void> {
  const busy: string[] = [];
  for (const name of names) {
    for (const key of PORTS_OF[name]) if (!(await isPortFree(ports[key]))) busy.push(`127.0.0.1:${ports[key]} (${key === name ? name : `${name}: ${key}`})`);
  }
  if (busy.length > 0) throw new Error(`backends: ports already in use: ${busy.join(', ')}. Another instance running? Try \`npm run backends -- status\`, or choose other ports.`);
}

async function planAll(names: BackendName[], ctx: PlanContext, logFile: (n: BackendName) => string, log: (line: string) => void): Promise<LaunchPlan[]> {
  const plans: LaunchPlan[] = [];
  // Sequential on purpose: apt installs must not overlap, and Go builds would fight over 2 cores.
  for (const name of names) {
    let plan: LaunchPlan;
    if (name === 'prometheus') plan = planPrometheus(ctx, resolvePrometheus().prometheus);
    else if (name === 'alertmanager') plan = planAlertmanager(ctx, resolveAlertmanager());
    else if (name === 'jaeger' || name === 'loki') {
      const binary = await resolveGoBackend(name, log);
      plan = name === 'jaeger' ? planJaeger(ctx, binary) : planLoki(ctx, binary);
    } else plan = planPostgres(ctx, resolvePostgresBin(), logFile('postgres'));
    log(`${name}: ${plan.spec.command}`);
    plans.push(plan);
  }
  return plans;
}

async function launch(plan: LaunchPlan, logFile: string, started: ManagedProcess[], log: (line: string) => void): Promise<void> {
  const t0 = Date.now();
  await plan.prepare?.();
  const proc = startManagedProcess(plan.spec, logFile);
  started.push(proc);
  await waitUntilReady(proc, plan.probe, plan.readyTimeoutMs);
  try {
    await plan.afterReady?.();
  } catch (error) {
    throw new BackendStartError(plan.name, `set-up after start failed: ${error instanceof Error ? error.message : String(error)}`, proc.commandLine, logFile, { cause: error });
  }
  log(`${plan.name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (log: ${logFile})`);
}

/**
 * Starts Prometheus, Alertmanager, Jaeger, Loki and PostgreSQL on 127.0.0.1 in parallel and resolves
 * once each is ready. On any failure every started child is stopped and the error names the
 * backend, its command line and its log file.
 */
export async function startBackends(opts: StartBackendsOptions): Promise<RunningBackends> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`backends: ${line}\n`));
  const dataDir = path.resolve(opts.dataDir);
  const logDir = path.join(dataDir, 'logs');
  const only = opts.only ?? BACKEND_NAMES;
  const external = opts.external ?? {};
  const toStart = only.filter((name) => !external[name]);
  if (opts.fresh) wipeDataDir(dataDir);
  assertNotRunning(dataDir, 'start backends in');
  mkdirSync(logDir, { recursive: true });

  const ports = await resolvePorts(opts.ports);
  await assertPortsFree(toStart, ports);
  const known: Partial<BackendUrls> = {};
  for (const name of only) Object.assign(known, urlsFor(name, ports, external[name]));
  const logFile = (name: BackendName) => path.join(logDir, `${name}.log`);
  const ctx: PlanContext = {
    dataDir,
    ports,
    scrapeIntervalSeconds: opts.scrapeIntervalSeconds ?? 15,
    evaluationIntervalSeconds: opts.evaluationIntervalSeconds ?? 15,
    ruleFiles: opts.ruleFiles ?? DEFAULT_RULE_FILES,
    alertmanagerUrl: only.includes('alertmanager') ? known.alertmanager : external.alertmanager,
  };
  const plans = await planAll(toStart, ctx, logFile, log);

  const started: ManagedProcess[] = [];
  let stopping: Promise<void> | undefined;
  const onExit = () => {
    // Last resort on a synchronous exit: ask each child to stop; setpriv --pdeathsig covers SIGKILL of Node.
    for (const p of started) {
      if (p.hasExited()) continue;
      try {
        process.kill(p.pid, p.stopSignal);
      } catch {
        // already gone between the check and the kill
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // If someone else also listens (e.g. the CLI), they decide when to exit; otherwise, once the
    // children are stopped, re-raise the signal so the default action ends the process as usual.
    const othersHandleIt = process.listenerCount(signal) > 1;
    void stop().finally(() => {
      if (!othersHandleIt) process.kill(process.pid, signal);
    });
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.all(started.map((p) => p.stop()));
      process.off('exit', onExit);
      clearState(dataDir);
    })();
    return stopping;
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  log(`starting ${toStart.join(', ') || 'nothing'} (data: ${dataDir}, logs: ${logDir})`);
  const results = await Promise.allSettled([
    ...plans.map((plan) => launch(plan, logFile(plan.name), started, log)),
    ...Object.entries(external).map(async ([name, url]) => {
      const backend = name as BackendName; // keys of `external` are typed BackendName
      const deadline = Date.now() + 10_000;
      while (!(await probeExternal(backend, url))) {
        if (Date.now() > deadline) throw new Error(`${backend}: the configured external URL ${url} is not ready`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }),
  ]);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason : new Error(String(r.reason))] : []));
  if (failures.length > 0) {
    await stop();
    if (failures.length === 1) throw failures[0];
    throw new Error(failures.map((f) => f.message).join('\n\n'), { cause: failures[0] });
  }

  writeState(dataDir, {
    startedAt: new Date().toISOString(),
    ownerPid: process.pid,
    urls: Object.fromEntries(Object.entries(known).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    processes: started.map((p) => ({ name: p.name, pid: p.pid, logFile: p.logFile, command: p.commandLine })),
  });
  const logFiles = Object.fromEntries(started.map((p) => [p.name, p.logFile])) as Partial<Record<BackendName, string>>;
  return { urls: buildUrls(known, only), dataDir, logDir, logFiles, stop };
}
