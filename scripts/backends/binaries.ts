import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureAptPackages, findExecutable } from '../system/ensure-packages';

const BUILD_SCRIPT = path.join(import.meta.dirname, 'build-go-backend.sh');

/** Absolute paths of the executables each backend needs. */
export type BackendBinaries = {
  prometheus: string;
  promtool: string;
  alertmanager: string;
  jaeger: string;
  loki: string;
  /** Directory with initdb and postgres (Debian: /usr/lib/postgresql/<major>/bin). */
  postgresBin: string;
};

/** Prometheus and promtool from Debian's `prometheus` package, installed when missing. */
export function resolvePrometheus(): { prometheus: string; promtool: string } {
  ensureAptPackages([
    { pkg: 'prometheus', bin: 'prometheus' },
    { pkg: 'prometheus', bin: 'promtool' },
  ]);
  return { prometheus: findExecutable('prometheus')!, promtool: findExecutable('promtool')! };
}

/** Alertmanager: Debian's `prometheus-alertmanager`, or an `alertmanager` already on PATH. */
export function resolveAlertmanager(): string {
  const onPath = findExecutable('prometheus-alertmanager') ?? findExecutable('alertmanager');
  if (onPath) return onPath;
  ensureAptPackages([{ pkg: 'prometheus-alertmanager', bin: 'prometheus-alertmanager' }]);
  return findExecutable('prometheus-alertmanager')!;
}

function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  let majors: string[] = [];
  try {
    majors = readdirSync(root).filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  // Newest major first; Debian 12 ships 15.
  const major = majors.sort((a, b) => Number(b) - Number(a)).find((m) => findExecutable(path.join(root, m, 'bin', 'postgres')));
  return major ? path.join(root, major, 'bin') : undefined;
}

/** PostgreSQL server binaries from Debian's `postgresql` package, installed when missing. */
export function resolvePostgresBin(): string {
  const found = findPostgresBin();
  if (found) return found;
  ensureAptPackages([{ pkg: 'postgresql', bin: 'pg_ctlcluster' }]);
  const installed = findPostgresBin();
  if (!installed) throw new Error('postgresql is installed but no /usr/lib/postgresql/<major>/bin/postgres was found');
  return installed;
}

/** Runs build-go-backend.sh, streaming its stderr (progress, "first run only") to log; resolves its stdout. */
function runBuildScript(name: string, log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = stderr.split('\n');
      stderr = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) log(line);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (stderr) log(stderr);
      if (code === 0) resolve(stdout.trim().split('\n').pop() ?? '');
      else reject(new Error(`exit code ${String(code)}`));
    });
  });
}

/**
 * Jaeger or Loki: the binary on PATH if there is one, else the cached build from
 * scripts/backends/build-go-backend.sh (builds once per version, minutes; then instant).
 */
export async function resolveGoBackend(name: 'jaeger' | 'loki', log: (line: string) => void): Promise<string> {
  const onPath = findExecutable(name);
  if (onPath) return onPath;
  try {
    const binary = await runBuildScript(name, log);
    if (!findExecutable(binary)) throw new Error(`it printed "${binary}", which is not an executable`);
    return binary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name}: getting the binary failed (${reason}): bash ${BUILD_SCRIPT} ${name}`, { cause: error });
  }
}
