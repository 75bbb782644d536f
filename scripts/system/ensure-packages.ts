import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** A Debian package and the executable that proves it is installed (a name on PATH or an absolute path). */
export type AptPackage = { pkg: string; bin: string };

/** Resolves an executable name on PATH (or checks an absolute path); undefined when absent. */
export function findExecutable(bin: string): string | undefined {
  const candidates = path.isAbsolute(bin)
    ? [bin]
    : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, bin));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next PATH entry
    }
  }
  return undefined;
}

function runApt(args: string[], why: string): void {
  const command = ['apt-get', ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit code ${String(result.status)}`;
    throw new Error(`${why}: \`${command.join(' ')}\` failed (${reason})`, { cause: result.error });
  }
}

/**
 * Installs the Debian packages whose executable is missing, as root, with one `apt-get update`
 * followed by one `apt-get install -y`. Already-present packages cost nothing.
 */
export function ensureAptPackages(pkgs: AptPackage[]): void {
  const missing = pkgs.filter((p) => findExecutable(p.bin) === undefined);
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((p) => p.pkg))];
  const list = missing.map((p) => `${p.pkg} (for ${p.bin})`).join(', ');
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${list}. Install them with: sudo apt-get install -y ${names.join(' ')}`);
  }
  process.stderr.write(`ensure-packages: installing ${list} with apt-get (executables not found)\n`);
  runApt(['update'], `installing ${names.join(', ')}`);
  runApt(['install', '-y', ...names], `installing ${names.join(', ')}`);
  const stillMissing = missing.filter((p) => findExecutable(p.bin) === undefined);
  if (stillMissing.length > 0) {
    const detail = stillMissing.map((p) => `${p.pkg} did not provide ${p.bin}`).join('; ');
    throw new Error(`after \`apt-get install -y ${names.join(' ')}\`: ${detail}`);
  }
}
