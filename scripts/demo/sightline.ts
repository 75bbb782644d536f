import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeScrapeTargets, type RunningBackends } from '../backends/index';
import { appServerCommand, buildAppServer } from '../lib/app-server';
import type { DeploymentEvent } from './scenario';
import { pollUntil } from './stack';

/** Sightline itself for the demo: database seed, API tokens, `next build` when stale, its server (`npm start`). */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const SOURCES = ['app', 'components', 'lib', 'dashboards', 'public', 'next.config.mjs', 'package.json', 'tsconfig.json', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts'];
const TokensSchema = z.object({ deploy: z.string().optional(), metrics: z.string().optional(), secret: z.string() });

export interface SightlineApp { url: string; logins: string[]; deployToken?: string; stop(): Promise<void> }

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'generated') newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** True when .next is missing or older than any source file. */
export function isBuildStale(): boolean {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** Runs a command to completion, output appended to logFile; resolves with its stdout. */
function runLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile, { flags: 'a' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => ((out += d.toString()), log.write(d)));
    child.stderr.pipe(log);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${what} failed (exit ${code}); see ${logFile}`))));
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/** Seeds Sightline, creates its tokens once, builds when stale, starts it and waits until it answers. */
export async function startSightline(opts: { backends: RunningBackends; port?: number; log: (line: string) => void }): Promise<SightlineApp> {
  const { backends, log } = opts;
  const port = opts.port ?? 3000;
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(backends.logDir, 'sightline.log');
  const tokensFile = path.join(backends.dataDir, 'sightline-tokens.json');
  mkdirSync(backends.logDir, { recursive: true });
  const saved = existsSync(tokensFile) ? TokensSchema.parse(JSON.parse(readFileSync(tokensFile, 'utf8'))) : { secret: randomBytes(32).toString('hex') };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(backends.dataDir, 'sightline.db')}`,
    NEXTAUTH_SECRET: saved.secret,
    NEXTAUTH_URL: url,
    PROMETHEUS_URL: backends.urls.prometheus,
    ALERTMANAGER_URL: backends.urls.alertmanager,
    JAEGER_URL: backends.urls.jaeger,
    // Our own Jaeger's gRPC port; with an external Jaeger only what its owner configured.
    ...(process.env.JAEGER_URL ? (process.env.JAEGER_GRPC_URL ? { JAEGER_GRPC_URL: process.env.JAEGER_GRPC_URL } : {}) : { JAEGER_GRPC_URL: backends.urls.jaegerGrpc }),
    LOKI_URL: backends.urls.loki,
    // Sightline's own traces to Jaeger and its logs to Loki: it shows up in itself, as service "sightline".
    OTEL_EXPORTER_OTLP_ENDPOINT: backends.urls.jaegerOtlpHttp,
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${backends.urls.lokiOtlp}/v1/logs`,
    OTEL_SERVICE_NAME: 'sightline',
  };
  // The app's modules import 'server-only', which resolves to an empty module under the react-server condition.
  const tsx = ['--conditions=react-server', '--import', 'tsx'];

  log('Sightline: preparing the database and demo users');
  if (existsSync(path.join(ROOT, 'scripts', 'db', 'migrate.ts'))) await runLogged([...tsx, 'scripts/db/migrate.ts'], env, logFile, 'database migration');
  const seedOut = await runLogged([...tsx, 'scripts/db/seed-demo.ts'], env, logFile, 'demo user seed');
  const logins = seedOut.trim().split('\n');

  const createToken = async (name: string, role: string, scopes: string) => {
    try {
      return lastLine(await runLogged([...tsx, 'scripts/token.ts', 'create', '--name', name, '--role', role, '--scopes', scopes], env, logFile, `token ${name}`));
    } catch (err) {
      log(`Sightline: could not create token ${name} (${err instanceof Error ? err.message : String(err)}); continuing without it`);
      return undefined;
    }
  };
  const tokens = { ...saved, deploy: saved.deploy ?? (await createToken('demo-deployer', 'operator', 'deploy')), metrics: saved.metrics ?? (await createToken('demo-prometheus', 'viewer', 'metrics')) };
  writeFileSync(tokensFile, JSON.stringify(tokens), { mode: 0o600 });
  if (tokens.metrics) writeScrapeTargets(backends.dataDir, 'sightline', [{ targets: [`127.0.0.1:${port}`], bearerToken: tokens.metrics }]);

  if (isBuildStale()) {
    const t0 = Date.now();
    log(`Sightline: building (next build, ~1-2 min; only when the sources changed; log: ${logFile})`);
    // .next is shared with anyone else building in this clone: wait for their build, then re-check.
    for (let attempt = 1; isBuildStale(); attempt++) {
      try {
        await runLogged([NEXT_BIN, 'build'], { ...env, NODE_ENV: 'production' }, logFile, 'next build');
      } catch (err) {
        const busy = readFileSync(logFile, 'utf8').slice(-2_000).includes('Another next build process is already running');
        if (!busy || attempt >= 12) throw err;
        log('Sightline: another next build is running in this clone; waiting for it');
        await new Promise((r) => setTimeout(r, 15_000));
      }
    }
    log(`Sightline: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  // Its server bundle, from the sources as they are now (~0.1 s).
  buildAppServer(ROOT);

  const server = appServerCommand(ROOT, port);
  const child: ChildProcess = spawn(server.command, server.args, { cwd: ROOT, env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  try {
    await pollUntil('Sightline to answer /api/health', async () => {
      if (child.exitCode !== null) throw new Error(`Sightline's server exited with code ${child.exitCode}; see ${logFile}`);
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      return res.ok ? true : undefined;
    }, 60_000, 300);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, logins, deployToken: tokens.deploy, stop };
}

/** Posts deployments to Sightline's API, best effort: a missing API or token is logged once, never fatal. */
export function createDeploymentPoster(opts: { url: string; token: string | undefined; log: (line: string) => void }): (event: DeploymentEvent) => Promise<void> {
  let warned = false;
  return async (event) => {
    if (!opts.token) return;
    try {
      const res = await fetch(`${opts.url}/api/deployments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` }, body: JSON.stringify(event), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    } catch (err) {
      if (!warned) opts.log(`deployments: could not post ${event.service} ${event.version} to Sightline (${err instanceof Error ? err.message : String(err)}); continuing`);
      warned = true;
    }
  };
}
