import { expect, test } from '@playwright/test';
import { navFor } from '../lib/navigation/nav';
import { SignInPage } from './pages/sign-in-page';
import { listApiRoutes, PUBLIC_ROUTE_FILES } from './support/api-routes';

const ROLES = ['viewer', 'operator', 'developer', 'admin'] as const;

test.describe('sign-in and roles', () => {
  for (const role of ROLES) {
    test(`${role} sees exactly the navigation that role may use`, async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.signInAs(role);
      await expect(signIn.mainNavLinks()).toHaveText(['Sightline', ...navFor(role).map((i) => i.label)]);
    });
  }

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email').fill('viewer@sightline.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveCount(0);
  });

  test('signing out ends the session: pages redirect to sign-in and the API answers 401', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.signInAs('admin');
    expect((await page.request.get('/api/admin/tokens')).status()).toBe(200);
    await signIn.signOut();
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
    expect((await page.request.get('/api/admin/tokens')).status()).toBe(401);
  });

  test('after sign-in the user lands on the page they asked for', async ({ page }) => {
    await page.goto('/slos');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fslos/);
    await new SignInPage(page).signInAs('viewer', '/slos');
    await expect(page).toHaveURL(/\/slos$/);
  });

  test('a viewer gets the friendly page on an operator page and 403 from operator and admin API routes', async ({ page }) => {
    await new SignInPage(page).signInAs('viewer');
    await page.goto('/alerts');
    await expect(page.getByRole('heading', { name: 'You need the operator role' })).toBeVisible();
    await expect(page.getByText('You are signed in with the viewer role')).toBeVisible();
    const admin = await page.request.get('/api/admin/tokens');
    expect(admin.status()).toBe(403);
    expect((await admin.json()).error.code).toBe('FORBIDDEN');
    const operatorRoutes = listApiRoutes(process.cwd()).filter((r) => r.file.startsWith('app/api/explore/jaeger/services/route'));
    for (const r of operatorRoutes) expect((await page.request.get(r.urlPath)).status(), r.file).toBe(403);
  });

  test('no page may be framed by another site', async ({ page }) => {
    const signInPage = await page.goto('/signin');
    await new SignInPage(page).signInAs('admin');
    const settings = await page.goto('/settings');
    for (const res of [signInPage, settings]) {
      const headers = res?.headers() ?? {};
      expect(headers['x-frame-options'], res?.url()).toBe('DENY');
      expect(headers['content-security-policy'], res?.url()).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options'], res?.url()).toBe('nosniff');
    }
  });
});

test.describe('API authentication', () => {
  const routes = listApiRoutes(process.cwd());

  test('the route list is found and includes the known routes', () => {
    expect(routes.map((r) => r.file)).toEqual(expect.arrayContaining(['app/api/admin/tokens/route.ts', 'app/api/auth/[...nextauth]/route.ts']));
  });

  for (const r of routes.filter((x) => !PUBLIC_ROUTE_FILES.includes(x.file))) {
    test(`unauthenticated ${r.methods.join('/')} ${r.urlPath} gets 401 with the error body`, async ({ request }) => {
      expect(r.methods.length, `${r.file} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of r.methods) {
        const res = await request.fetch(r.urlPath, { method, data: method === 'GET' || method === 'DELETE' ? undefined : {}, maxRedirects: 0 });
        expect(res.status(), `${method} ${r.urlPath}`).toBe(401);
        expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
      }
    });
  }

  test('a garbage bearer token gets 401', async ({ request }) => {
    const res = await request.get('/api/admin/tokens', { headers: { authorization: 'Bearer slt_not-a-real-token' } });
    expect(res.status()).toBe(401);
  });
});
