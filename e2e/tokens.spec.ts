import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { SignInPage } from './pages/sign-in-page';
import { holdScripts, waitForHydration } from './support/hydration';

// The CLI and the server share the end-to-end database (DATABASE_URL set by scripts/test/run.ts).
const runCli = (...args: string[]) => execFileSync('npm', ['run', '-s', 'token', '--', ...args], { encoding: 'utf8', env: process.env });

test('a token created with the CLI authenticates; after revoke it gets 401; no plaintext is stored', async ({ request }) => {
  const out = runCli('create', '--name', 'e2e-admin', '--role', 'admin').trim().split('\n');
  const secret = out.at(-1) ?? '';
  expect(secret).toMatch(/^slt_[A-Za-z0-9_-]{43}$/);
  const auth = { authorization: `Bearer ${secret}` };

  const ok = await request.get('/api/admin/tokens', { headers: auth });
  expect(ok.status()).toBe(200);
  const listed = (await ok.json()).tokens.find((t: { name: string }) => t.name === 'e2e-admin');
  expect(listed.lastUsedAt).not.toBeNull();

  const dbFile = (process.env.DATABASE_URL ?? '').replace(/^file:/, '');
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare('SELECT * FROM ApiToken').all();
  const audit = db.prepare("SELECT action FROM AuditEvent WHERE target = ?").all(listed.id);
  db.close();
  expect(JSON.stringify(rows)).not.toContain(secret);
  expect(JSON.stringify(rows)).not.toContain(secret.slice(12));

  expect(runCli('revoke', listed.id)).toContain('revoked');
  const revoked = await request.get('/api/admin/tokens', { headers: auth });
  expect(revoked.status()).toBe(401);
  expect(audit).toEqual([{ action: 'token.create' }]);
});

test('a token without the needed role gets 403 naming the role', async ({ request }) => {
  const secret = runCli('create', '--name', 'e2e-viewer', '--role', 'viewer').trim().split('\n').at(-1) ?? '';
  const res = await request.get('/api/admin/tokens', { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toContain('admin role');
});

test('an admin adds a user and changes a role on Settings; the new user signs in with that role', async ({ page, browser }) => {
  await new SignInPage(page).signInAs('admin', '/settings');
  await waitForHydration(page);
  const email = `new-${Date.now()}@sightline.local`;
  const users = page.getByRole('region', { name: 'Users' });
  await users.getByLabel('Email').fill(email);
  await users.getByLabel('Name').fill('New Person');
  await users.getByLabel('Initial password').fill('a-long-password-123');
  await users.getByRole('button', { name: 'Add user' }).click();
  const role = users.getByLabel(`Role of ${email}`);
  await expect(role).toHaveValue('viewer');
  await role.selectOption('operator');
  await expect(role).toHaveValue('operator');

  const other = await browser.newPage();
  await other.goto('/signin');
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password').fill('a-long-password-123');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByTestId('current-user')).toContainText('operator');
  await expect(other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' })).toBeVisible();
  await other.close();
});

test('an admin creates a token on Settings and sees its secret once', async ({ page, request }) => {
  await new SignInPage(page).signInAs('admin', '/settings');
  await waitForHydration(page);
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await tokens.getByLabel('Name').fill('ui-token');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
  expect(secret).toMatch(/^slt_/);
  expect((await request.get('/api/deployments', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('new-token-secret')).toHaveCount(0);
  await expect(tokens.getByRole('row').filter({ hasText: 'ui-token' })).toContainText('active');
});

test('a token typed, chosen and ticked on Settings before the page is interactive is created with that name, role and those scopes', async ({ page, request }) => {
  await new SignInPage(page).signInAs('admin');
  const release = await holdScripts(page);
  await page.goto('/settings', { waitUntil: 'commit' });
  const tokens = page.getByRole('region', { name: 'API tokens' });
  await tokens.getByLabel('Name').fill('early-token');
  await tokens.getByLabel('Role').selectOption('viewer');
  await tokens.getByLabel('metrics').check();
  await tokens.getByLabel('api').uncheck();
  release();
  await waitForHydration(page);
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
  expect(secret).toMatch(/^slt_/);
  // The metrics scope and not the api scope: /api/metrics answers, an API route refuses.
  expect((await request.get('/api/metrics', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  expect((await request.get('/api/deployments', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(403);
  const row = tokens.getByRole('row').filter({ hasText: 'early-token' });
  await expect(row.getByRole('cell').nth(2)).toHaveText('viewer');
  await expect(row.getByRole('cell').nth(3)).toHaveText('metrics');
});
