import { spawn, type ChildProcess } from 'node:child_process';
import { appServerCommand } from '../../scripts/lib/app-server';

/** Sightline's server (`npm start`) of the built app on its own port and environment, for tests that restart or break it. */
export async function startAppProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const server = appServerCommand(process.cwd(), port);
  const child = spawn(server.command, server.args, { env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before it was ready`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer /api/health on port ${port} within 60 s`);
}

/** Kills the app's whole process group at once, as a crash would (no graceful shutdown). */
export async function killAppProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}
