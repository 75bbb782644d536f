import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** npm's record of what node_modules holds. */
const installed = (root: string) => readFileSync(path.join(root, 'node_modules', '.package-lock.json'), 'utf8');
/** A private copy of that record as it was when the copy's node_modules was linked (a file of its own, not a link). */
const STAMP = '.linked-node-modules.json';

/**
 * Gives a benchmark's private app copy in `dir` the work tree's node_modules as hard links (same file
 * system: instant, no space; Turbopack refuses a symlink out of the root), linked again whenever the
 * installed packages changed since, so a copy made before a dependency was added does not run
 * without it.
 */
export function linkNodeModules(root: string, dir: string): void {
  const target = path.join(dir, 'node_modules');
  const stamp = path.join(dir, STAMP);
  const now = installed(root);
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === now) return;
  rmSync(target, { recursive: true, force: true });
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), target]);
  writeFileSync(stamp, now);
}
