import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, startBackends, type BackendName, type RunningBackends } from '../backends';
import { backfillHistory } from '../demo/history';
import { toInstances } from '../demo/stack';
import { appServerCommand } from '../lib/app-server';

/**
 * What a BFF benchmark needs, started and stopped by the benchmark itself: real backends on free
 * loopback ports (Prometheus optionally backfilled with a day of the demo shop's history, so panel
 * queries have real histograms to chew on), a temporary SQLite database, a developer token with the
 * api and metrics scopes, and Sightline's server (`npm start`) of a production build (BENCH_APP_DIR, default the work
 * tree; `npx tsx scripts/bench/bff-app-build.ts` makes a private one). BENCH_NODE_ARGS adds Node flags
 * to the BFF (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under a benchmark).
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const execFileAsync = promisify(execFile);

export interface BenchStack {
  bffUrl: string;
  prometheusUrl: string;
  /** Bearer secret of a developer token with the api and metrics scopes. */
  token: string;
  /** Chrome DevTools port of the BFF when started with `inspect` (forced GC), else null. */
  inspectPort: number | null;
  stop: () => Promise<void>;
}

export interface BenchStackOptions {
  backends: BackendName[];
  /** Backfill a day of the demo shop's metrics (histograms per route) before Prometheus starts. */
  history?: boolean;
  /** Open the V8 inspector on a free loopback port so the benchmark can force a GC. */
  inspect?: boolean;
  /** Extra environment for the BFF. */
  env?: Record<string, string>;
}

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode} before answering ${url}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (child.exitCode !== null || pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    process.kill(-pid, 'SIGTERM');
  });
}

/** Starts backends, database, token and Sightline's server; `stop()` ends all of it and removes the temp dir. */
export async function startBenchStack(opts: BenchStackOptions): Promise<BenchStack> {
  const appDir = path.resolve(process.env.BENCH_APP_DIR ?? ROOT);
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) throw new Error(`no production build in ${appDir}/.next: run \`npx tsx scripts/bench/bff-app-build.ts\` and set BENCH_APP_DIR`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-'));
  let backends: RunningBackends | undefined;
  let bff: ChildProcess | undefined;
  const stop = async () => {
    if (bff) await stopChild(bff);
    if (backends) await backends.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const dataDir = path.join(tmp, 'backends');
    if (opts.history) {
      say('backfilling one day of demo shop metrics (promtool; cached per day)');
      await backfillHistory({ tsdbDir: path.join(dataDir, 'prometheus', 'data'), instances: toInstances(), days: 1 });
    }
    const ports = {
      prometheus: await freePort(),
      alertmanager: await freePort(),
      jaegerQuery: await freePort(),
      jaegerOtlpHttp: await freePort(),
      jaegerOtlpGrpc: await freePort(),
      loki: await freePort(),
      lokiGrpc: await freePort(),
    };
    backends = await startBackends({ dataDir, only: opts.backends, ports, log: () => undefined });
    const u = backends.urls;
    const has = (name: BackendName) => opts.backends.includes(name);
    const port = await freePort();
    const bffUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${path.join(tmp, 'bench.db')}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXTAUTH_URL: bffUrl,
      PUBLIC_URL: bffUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(has('prometheus') ? { PROMETHEUS_URL: u.prometheus } : {}),
      ...(has('alertmanager') ? { ALERTMANAGER_URL: u.alertmanager } : {}),
      ...(has('jaeger') ? { JAEGER_URL: u.jaeger } : {}),
      ...(has('loki') ? { LOKI_URL: u.loki } : {}),
      ...opts.env,
    };
    delete env.BENCH_APP_DIR;
    const tsx = path.join(appDir, 'node_modules', '.bin', 'tsx');
    const created = await execFileAsync(tsx, ['--conditions=react-server', 'scripts/token.ts', 'create', '--name', 'bench', '--role', 'developer', '--scopes', 'api,metrics'], { cwd: appDir, env, timeout: 60_000 });
    const token = created.stdout.trim().split('\n').at(-1) ?? '';
    if (!token.startsWith('slt_')) throw new Error(`token creation printed no secret: ${created.stdout} ${created.stderr}`);

    const inspectPort = opts.inspect ? await freePort() : null;
    // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the BFF under any benchmark.
    const nodeArgs = [...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
    const log = createWriteStream(path.join(tmp, 'bff.log'));
    const command = appServerCommand(appDir, port, '127.0.0.1', nodeArgs);
    const server = spawn(command.command, command.args, { cwd: appDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    bff = server;
    server.stdout?.pipe(log);
    server.stderr?.pipe(log);
    await waitForHttp(`${bffUrl}/api/health`, 60_000, server);
    say(`BFF ${bffUrl} (${appDir}), Prometheus ${has('prometheus') ? u.prometheus : '-'}`);
    return { bffUrl, prometheusUrl: has('prometheus') ? u.prometheus : '', token, inspectPort, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Asks the BFF's V8 to collect garbage through the inspector protocol (needs `inspect: true`). */
export async function forceGc(inspectPort: number): Promise<boolean> {
  const WS = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!WS) return false;
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`, { signal: AbortSignal.timeout(5_000) })).json()) as { webSocketDebuggerUrl?: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) return false;
  const ws = new WS(url);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => (ws.close(), resolve(false)), 30_000);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    ws.onmessage = (ev) => {
      if (String(ev.data).includes('"id":1')) {
        clearTimeout(timer);
        ws.close();
        resolve(true);
      }
    };
    ws.onerror = () => (clearTimeout(timer), resolve(false));
  });
}

/** Runs `fn` against a started stack, always stops it, and exits non-zero on failure or after `limitMs`. */
export function runWithStack(opts: BenchStackOptions, limitMs: number, fn: (stack: BenchStack) => Promise<void>): void {
  let stack: BenchStack | undefined;
  const limit = setTimeout(() => {
    say(`time limit of ${limitMs / 1000} s reached`);
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(2));
  }, limitMs);
  (async () => {
    stack = await startBenchStack(opts);
    await fn(stack);
  })()
    .then(
      () => 0,
      (err: unknown) => (console.error(err instanceof Error ? err.message : String(err)), 1),
    )
    .then(async (code) => {
      await stack?.stop();
      clearTimeout(limit);
      process.exit(code);
    });
}
