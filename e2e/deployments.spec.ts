import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/backends/ports';
import { SignInPage } from './pages/sign-in-page';
import { killAppProcess, startAppProcess } from './support/app-process';
import { holdScripts, waitForHydration } from './support/hydration';

const token = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  execFileSync('npm', ['run', '-s', 'token', '--', 'create', ...args], { encoding: 'utf8', env }).trim().split('\n').at(-1) ?? '';


const deployment = (id: string, service = 'payment') => ({ id, service, environment: 'production', version: 'v2.0.0', commit: 'abc1234', status: 'succeeded', startedAt: new Date().toISOString() });

test('a CD pipeline posts a deployment with a deploy token; repeats are idempotent; bad input is explained', async ({ request }) => {
  const secret = token(process.env, '--name', 'e2e-cd', '--role', 'viewer', '--scopes', 'deploy');
  const auth = { authorization: `Bearer ${secret}` };
  const first = await request.post('/api/deployments', { headers: auth, data: deployment('e2e-dep-1') });
  expect(first.status()).toBe(201);
  const again = await request.post('/api/deployments', { headers: auth, data: { ...deployment('e2e-dep-1'), status: 'rolled_back' } });
  expect(again.status()).toBe(200);
  expect((await again.json()).deployment.status).toBe('rolled_back');

  const bad = await request.post('/api/deployments', { headers: auth, data: { ...deployment('e2e-dep-2'), startedAt: 'yesterday' } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('body.startedAt') });
  const noScope = token(process.env, '--name', 'e2e-api-only', '--role', 'operator', '--scopes', 'api');
  expect((await request.post('/api/deployments', { headers: { authorization: `Bearer ${noScope}` }, data: deployment('e2e-dep-3') })).status()).toBe(403);
});

test('the deployments page lists a posted deployment for an operator', async ({ page, request }) => {
  const secret = token(process.env, '--name', 'e2e-cd-2', '--role', 'viewer', '--scopes', 'deploy');
  await request.post('/api/deployments', { headers: { authorization: `Bearer ${secret}` }, data: { ...deployment('e2e-dep-page', 'inventory'), version: 'v9.9.9' } });
  await new SignInPage(page).signInAs('operator', '/deployments');
  const row = page.getByRole('row').filter({ hasText: 'v9.9.9' });
  await expect(row).toContainText('inventory');
  await expect(row).toContainText('production');
});

test('deployments filter by service and environment on Enter or Filter, before the page is interactive too, keeping the time range', async ({ page, request }) => {
  const secret = token(process.env, '--name', 'e2e-cd-3', '--role', 'viewer', '--scopes', 'deploy');
  const tag = `e2e-filter-${Date.now()}`;
  const post = (id: string, service: string, environment: string) =>
    request.post('/api/deployments', { headers: { authorization: `Bearer ${secret}` }, data: { ...deployment(`${tag}-${id}`, service), environment, version: `${tag}-${id}` } });
  for (const r of await Promise.all([post('a', 'cart', 'staging'), post('b', 'cart', 'production'), post('c', 'fulfilment', 'staging')])) expect(r.status()).toBe(201);
  const rows = page.getByRole('row').filter({ hasText: tag });
  const filters = page.getByRole('form', { name: 'Filter deployments' });

  await new SignInPage(page).signInAs('operator');
  const release = await holdScripts(page);
  await page.goto('/deployments?from=now-1h&to=now', { waitUntil: 'commit' });
  await filters.getByLabel('Service').fill('cart');
  await filters.getByLabel('Service').press('Enter');
  await expect(page).toHaveURL(/service=cart/);
  expect(new URL(page.url()).searchParams.get('from')).toBe('now-1h');
  release();
  await waitForHydration(page);
  await expect(rows).toHaveCount(2);
  await expect(filters.getByLabel('Service')).toHaveValue('cart');

  await filters.getByLabel('Environment').fill('staging');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/environment=staging/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${tag}-a`);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ service: 'cart', environment: 'staging', from: 'now-1h', to: 'now' });
});

test('1,000 concurrent POSTs with 10% repeated ids, then a crash and restart, leave exactly the distinct deployments', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-deploys-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}` };
  const port = await freePort();
  const secret = token({ ...process.env, ...env }, '--name', 'load', '--role', 'viewer', '--scopes', 'deploy');
  let app = await startAppProcess(port, env);
  const ids = Array.from({ length: 1000 }, (_, i) => `load-${i < 900 ? i : i - 900}`); // 900 distinct, 100 repeats
  const started = performance.now();
  const statuses = await Promise.all(
    ids.map((id) =>
      fetch(`http://127.0.0.1:${port}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(deployment(id)) }).then((r) => r.status),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`deployments: 1000 concurrent POSTs in ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)}/s)`);
  expect(statuses.filter((s) => s === 201)).toHaveLength(900);
  expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([]);
  await killAppProcess(app);
  app = await startAppProcess(port, env);
  const res = await fetch(`http://127.0.0.1:${port}/api/deployments?limit=1000&from=now-1h`, { headers: { authorization: `Bearer ${token({ ...process.env, ...env }, '--name', 'reader', '--role', 'viewer')}` } });
  const body = (await res.json()) as { deployments: { id: string }[] };
  await killAppProcess(app);
  expect(new Set(body.deployments.map((d) => d.id)).size).toBe(900);
  expect(body.deployments).toHaveLength(900);
});
