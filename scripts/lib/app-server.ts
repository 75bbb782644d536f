import path from 'node:path';

/**
 * The command that starts Sightline's production server (lib/server/start.ts, what `npm start` runs)
 * from the app directory `dir` on `hostname:port`, in one Node process (tsx registered in it, no
 * wrapper process), with `nodeArgs` (e.g. --cpu-prof) before the script. Spawn it with cwd `dir`.
 */
export function appServerCommand(dir: string, port: number, hostname = '127.0.0.1', nodeArgs: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: [...nodeArgs, '--import', 'tsx', path.join(dir, 'lib', 'server', 'start.ts'), '-p', String(port), '-H', hostname] };
}
