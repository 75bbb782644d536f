import { expect, test, type Locator } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';

// The "Any service" dashboard (dashboards/services.json): $service lists the shop's services, and
// $route, whose selector is http_server_requests_total{service="$service"}, the routes of the one chosen.
const SLUG = 'services';
const PROMETHEUS_URL = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';

/** The routes Prometheus itself holds for `service` over the last hour. */
async function routesOf(service: string): Promise<string[]> {
  const end = Date.now() / 1000;
  const qs = new URLSearchParams({ 'match[]': `http_server_requests_total{service="${service}"}`, start: String(end - 3600), end: String(end) });
  const res = await fetch(`${PROMETHEUS_URL}/api/v1/label/route/values?${qs}`, { signal: AbortSignal.timeout(10_000) });
  return ((await res.json()) as { data: string[] }).data.sort();
}

const optionsOf = async (select: Locator) => (await select.locator('option').allTextContents()).filter((o) => o !== 'All');

test.describe('chained dashboard variables', () => {
  test('the routes follow the chosen service, a new service resets the route, and titles show the choice', async ({ page }) => {
    await new SignInPage(page).signInAs('operator');
    const d = new DashboardPage(page);
    await d.open(SLUG);
    const service = d.variable('Service');
    const route = d.variable('Route');
    await expect.poll(() => optionsOf(service), { timeout: 60_000, intervals: [2_000] }).toContain('payment');
    const services = await optionsOf(service);
    const first = services[0] ?? '';
    // No service in the URL: the first one is shown, and the routes are its routes.
    await expect(service).toHaveValue(first);
    await expect.poll(() => optionsOf(route), { timeout: 30_000 }).toEqual(await routesOf(first));
    const other = 'payment';
    expect(first).not.toBe(other);

    const firstRoute = (await optionsOf(route))[0] ?? '';
    await route.selectOption([firstRoute]);
    await expect(page).toHaveURL(/var-route=/);

    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/dashboards/${SLUG}/variables/route` && new URL(r.url()).searchParams.get('var-service') === other);
    const panelAnswer = d.waitForPanelResponse(SLUG, 'rate-by-route', (u) => u.searchParams.get('var-service') === other && !u.searchParams.has('var-route'));
    await service.selectOption(other);
    await asked;
    // Choosing another service drops the route chosen for the first one: every route of the new one.
    await expect(page).toHaveURL(new RegExp(`var-service=${other}`));
    await expect(page).not.toHaveURL(/var-route=/);
    expect((await panelAnswer).status()).toBe(200);
    const expected = await routesOf(other);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => optionsOf(route), { timeout: 30_000 }).toEqual(expected);
    await expect(route.locator('option:checked')).toHaveText(['All']);
    await expect(page.getByText(`Health of ${other}`, { exact: true })).toBeVisible();
    await expect(d.panel('logs').getByRole('heading', { name: `Logs of ${other}` })).toBeVisible();
    await d.waitForPanelsSettled();
    expect(await d.panelIdsIn('error')).toEqual([]);
  });

  test('the options endpoint fills in the parent, names a parent value the range lacks, and refuses bad ones', async ({ page }) => {
    await new SignInPage(page).signInAs('viewer');
    const get = (qs: string) => page.request.get(`/api/dashboards/${SLUG}/variables/route?${qs}`);

    const payment = await get('var-service=payment');
    expect(payment.status()).toBe(200);
    expect(await payment.json()).toEqual({ name: 'route', options: await routesOf('payment'), notices: [] });

    const absent = await get('var-service=no-such-service');
    expect(absent.status()).toBe(200);
    expect(await absent.json()).toEqual({ name: 'route', options: [], notices: [{ code: 'PARTIAL', message: 'Value "no-such-service" of $service does not occur in this range' }] });

    const hostile = await get(`var-service=${encodeURIComponent('payment"} or up{a="')}`);
    expect(hostile.status()).toBe(400);
    expect((await hostile.json()).error).toMatchObject({ code: 'INVALID_INPUT', message: 'value "payment\\"} or up{a=\\"" of $service has characters that are not allowed' });

    const unknown = await get('var-team=payments');
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: 'INVALID_INPUT', message: 'dashboard "services" has no variable $team' });
  });
});
