import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { appServerCommand } from '../scripts/lib/app-server';

/** Starts the built app with an environment; resolves with its exit code and stderr once it stops (or is killed after 30 s). */
function startApp(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const server = appServerCommand(process.cwd(), 0);
    const child = spawn(server.command, server.args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('Invalid environment'));

test('a malformed DATABASE_URL stops the app with one line naming it', async () => {
  const { code, stderr } = await startApp({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40), DATABASE_URL: 'mysql//nope' });
  expect(code).not.toBe(0);
  expect(errorLines(stderr)).toEqual([expect.stringContaining('Invalid environment: DATABASE_URL must be file:<path>')]);
});

test('a missing auth secret in production stops the app with one line naming it', async () => {
  const { code, stderr } = await startApp({ NODE_ENV: 'production', NEXTAUTH_SECRET: '' });
  expect(code).not.toBe(0);
  expect(errorLines(stderr)).toEqual([expect.stringContaining('Invalid environment: NEXTAUTH_SECRET is required in production')]);
});
