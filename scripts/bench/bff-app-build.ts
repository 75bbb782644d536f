// `npx tsx scripts/bench/bff-app-build.ts [--dir ~/.cache/sightline/bench-app/current] [--rev <commit>]`
// Builds a private production copy of Sightline for the BFF benchmarks, so that measuring never
// fights over the shared `.next` with whoever is building in the work tree: the committed tree
// (git archive HEAD), plus the working-tree state of the BFF's own files (BFF_PATHS), the generated
// Prisma client, node_modules hard-linked (same file system: instant, no space), then the build
// (`next build` and Sightline's server bundle).
// With --rev, that commit alone (e.g. to measure a "before"). Prints `BENCH_APP_DIR=<dir>` on its
// last line; the bff-*.ts benchmarks read that variable.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppServer } from '../lib/app-server';
import { linkNodeModules } from './link-node-modules';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The files whose uncommitted state is part of what the benchmarks measure. */
const BFF_PATHS = ['scripts/bench', 'scripts/lib', 'lib/server', 'lib/api', 'lib/auth', 'lib/datasources', 'lib/db/audit.ts', 'lib/db/driver.ts', 'lib/deployments', 'lib/observability', 'lib/panels', 'lib/dashboards', 'instrumentation.ts', 'next.config.mjs'];
/** Work in progress of the trace view (its own benchmark, scripts/bench/trace-*.ts) stays out: it may not build yet. */
const NOT_BFF_PATHS = ['lib/datasources/jaeger'];

// Outside the work tree (its tools would read the copy) and outside /tmp (cleaned by others' runs).
const DEFAULT_DIR = path.join(os.homedir(), '.cache', 'sightline', 'bench-app', 'current');
const { values } = parseArgs({ options: { dir: { type: 'string', default: DEFAULT_DIR }, rev: { type: 'string' } } });
const dir = path.resolve(values.dir ?? DEFAULT_DIR);

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function main() {
  for (const entry of ['app', 'lib', 'components', 'scripts', 'dashboards', 'prisma', 'public']) rmSync(path.join(dir, entry), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rev = git(['rev-parse', '--verify', `${values.rev ?? 'HEAD'}^{commit}`]).trim();
  execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C '${dir}'`], { cwd: ROOT, stdio: 'inherit' });
  const changed = values.rev ? [] : git(['ls-files', '--modified', '--others', '--exclude-standard', '--', ...BFF_PATHS, ...NOT_BFF_PATHS.map((p) => `:(exclude)${p}`)]).split('\n').filter(Boolean);
  for (const file of changed) {
    const from = path.join(ROOT, file);
    if (existsSync(from)) cpSync(from, path.join(dir, file));
    else rmSync(path.join(dir, file), { force: true });
  }
  cpSync(path.join(ROOT, 'lib', 'db', 'generated'), path.join(dir, 'lib', 'db', 'generated'), { recursive: true });
  linkNodeModules(ROOT, dir);
  console.error(`bench app: ${rev.slice(0, 8)} + ${changed.length} working-tree file(s) of the BFF: ${changed.join(', ') || '(none)'}`);
  const built = spawnSync(path.join(dir, 'node_modules', '.bin', 'next'), ['build'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  if (built.status !== 0) throw new Error(`next build failed in ${dir} (exit ${built.status ?? built.signal})`);
  buildAppServer(dir);
  console.log(`BENCH_APP_DIR=${dir}`);
}

main();
