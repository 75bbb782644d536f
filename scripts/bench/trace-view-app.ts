import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { appServerCommand, buildAppServer } from '../lib/app-server';
import { linkNodeModules } from './link-node-modules';

/**
 * The app under test for the trace-view benchmark: a private production build (so that measuring
 * never fights over the shared `.next` with whoever builds in the work tree) started with
 * Sightline's server (`npm start`) on a free loopback port, a temporary SQLite database and the demo users seeded.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Paths whose working-tree state is measured with `--source worktree` (the trace view and its data). */
const TRACE_PATHS = ['app', 'components', 'lib', 'scripts/bench'];

/**
 * Stages the committed tree (`head`) or the committed tree plus uncommitted changes under TRACE_PATHS
 * (`worktree`) into `dir`, with the generated Prisma client and hard-linked node_modules, then builds.
 */
export function buildBenchApp(dir: string, source: 'head' | 'worktree', log: (l: string) => void): void {
  for (const entry of ['app', 'lib', 'components', 'scripts', 'dashboards', 'prisma', 'public', '.next']) rmSync(path.join(dir, entry), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive HEAD | tar -x -C '${dir}'`], { cwd: ROOT, stdio: 'inherit' });
  if (source === 'worktree') {
    const changed = execFileSync('git', ['ls-files', '--modified', '--others', '--exclude-standard', '--', ...TRACE_PATHS], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of changed) {
      if (existsSync(path.join(ROOT, file))) cpSync(path.join(ROOT, file), path.join(dir, file));
      else rmSync(path.join(dir, file), { force: true });
    }
    log(`staged HEAD + ${changed.length} working-tree file(s)`);
  }
  cpSync(path.join(ROOT, 'lib', 'db', 'generated'), path.join(dir, 'lib', 'db', 'generated'), { recursive: true });
  linkNodeModules(ROOT, dir);
  log(`next build in ${dir}`);
  const built = spawnSync(path.join(dir, 'node_modules', '.bin', 'next'), ['build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  if (built.status !== 0) throw new Error(`next build failed in ${dir} (exit ${built.status ?? built.signal})`);
  buildAppServer(dir);
}

export interface BenchApp {
  url: string;
  stop: () => Promise<void>;
}

/** Seeds the demo users into a fresh SQLite file and starts Sightline's server from `dir`; resolves when /api/health answers. */
export async function startBenchApp(dir: string, port: number, backendEnv: Record<string, string>, log: (l: string) => void): Promise<BenchApp> {
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ...backendEnv,
    NODE_ENV: 'production' as const,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: url,
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
  };
  // With its write-ahead log: a stale -wal or -shm of an interrupted run fails the seed.
  for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dir, `bench.db${suffix}`), { force: true });
  execFileSync(path.join(dir, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/db/seed-demo.ts'], { cwd: dir, env, stdio: 'ignore' });
  log(`Sightline's server on ${url}`);
  const server = appServerCommand(dir, port);
  const child: ChildProcess = spawn(server.command, server.args, { cwd: dir, env, stdio: 'ignore', detached: true });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Sightline's server exited with ${child.exitCode}`);
    if (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${url}/api/health did not answer within 60 s`);
}
