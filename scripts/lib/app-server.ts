import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Sightline's production server (lib/server/start.ts) is bundled to plain JavaScript by the build
 * (`npm run build` = `next build` + this bundle) and run by plain Node: running the TypeScript
 * through tsx instead cost ~85 MB more memory for the loader's thread and caches.
 */
export const APP_SERVER_BUNDLE = path.join('.next', 'sightline', 'server.mjs');

/** Bundles lib/server/start.ts of the app in `dir` to APP_SERVER_BUNDLE (~0.1 s; packages stay imports from node_modules). */
export function buildAppServer(dir: string): void {
  buildSync({
    entryPoints: [path.join(dir, 'lib', 'server', 'start.ts')],
    outfile: path.join(dir, APP_SERVER_BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * The command that starts the built server of the app in `dir` (what `npm start` runs) on
 * `hostname:port`, with `nodeArgs` (e.g. --cpu-prof) before the script. Spawn it with cwd `dir`:
 * the server serves the app of its working directory, as `next start` does.
 */
export function appServerCommand(dir: string, port: number, hostname = '127.0.0.1', nodeArgs: string[] = []): { command: string; args: string[] } {
  const bundle = path.join(dir, APP_SERVER_BUNDLE);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build the app first (npm run build)`);
  return { command: process.execPath, args: [...nodeArgs, bundle, '-p', String(port), '-H', hostname] };
}
