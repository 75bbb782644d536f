import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** What a running startBackends wrote down, so `status` and `wipe` in another shell can see it. */
export const BackendsStateSchema = z.object({
  startedAt: z.string(),
  /** The Node process that owns the children. */
  ownerPid: z.number().int(),
  urls: z.record(z.string(), z.string()),
  processes: z.array(z.object({ name: z.string(), pid: z.number().int(), logFile: z.string(), command: z.string() })),
});
/** Contents of <dataDir>/backends.json. */
export type BackendsState = z.infer<typeof BackendsStateSchema>;

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where the state of the backends started on dataDir is recorded. */
export function stateFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'backends.json');
}

/** Records the running backends. */
export function writeState(dataDir: string, state: BackendsState): void {
  writeFileSync(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

/** Forgets the running backends (after a clean stop). */
export function clearState(dataDir: string): void {
  rmSync(stateFile(dataDir), { force: true });
}

/** The recorded state, or undefined when nothing was started there (or the file is unreadable). */
export function readState(dataDir: string): BackendsState | undefined {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = BackendsStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a half-written file from a crash: treat as not running
  }
}

/** True when a process with this pid exists. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** The recorded processes that are still alive. */
export function livingProcesses(dataDir: string): BackendsState['processes'] {
  return readState(dataDir)?.processes.filter((p) => isPidAlive(p.pid)) ?? [];
}

/** Throws when backends started on dataDir are still running (a second start or a wipe would break them). */
export function assertNotRunning(dataDir: string, action: string): void {
  const alive = livingProcesses(dataDir);
  if (alive.length === 0) return;
  const list = alive.map((p) => `${p.name} (pid ${p.pid})`).join(', ');
  throw new Error(`cannot ${action} ${dataDir}: backends started there are still running: ${list}. Stop them first (Ctrl-C in the shell running them).`);
}

/** Deletes dataDir entirely, refusing obviously wrong targets and directories in use. */
export function wipeDataDir(dataDir: string): void {
  const target = path.resolve(dataDir);
  const forbidden = [path.parse(target).root, os.homedir(), REPO_ROOT, process.cwd()];
  if (forbidden.includes(target) || REPO_ROOT.startsWith(`${target}${path.sep}`)) {
    throw new Error(`refusing to wipe ${target}: it is not a backends data directory`);
  }
  assertNotRunning(target, 'wipe');
  rmSync(target, { recursive: true, force: true });
}
