import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../lib/env';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';
import { holdScripts, waitForHydration } from './support/hydration';

// The server reads dashboards from DASHBOARDS_DIR (default dashboards/) and reloads on change, so a
// broken file written there shows up on the next request.
const dashboardsDir = path.resolve(process.env.DASHBOARDS_DIR ?? 'dashboards');
const brokenSlug = `e2e-broken-${process.pid}`;
const brokenFile = path.join(dashboardsDir, `${brokenSlug}.json`);
const JAEGER_URL = process.env.JAEGER_URL ?? 'http://127.0.0.1:16686';

interface JaegerTraceBody {
  data: { spans: { operationName: string; processID: string }[]; processes: Record<string, { serviceName: string }> }[];
}

/** Whether Jaeger holds the trace with the span of `service` named `operation` (spans reach it a few seconds after the metric's exemplar). */
async function hasSpan(traceId: string, service: string, operation: string): Promise<boolean> {
  const res = await fetch(`${JAEGER_URL}/api/traces/${traceId}`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) return false;
  const trace = ((await res.json()) as JaegerTraceBody).data[0];
  return trace?.spans.some((s) => s.operationName === operation && trace.processes[s.processID]?.serviceName === service) ?? false;
}

/** Signs in through the form (its button waits for hydration, so a loaded machine cannot race it). */
const signIn = (page: Page, role: Role) => new SignInPage(page).signInAs(role);

test.afterAll(async () => {
  rmSync(brokenFile, { force: true });
});

test.describe('dashboards', () => {
  test('every panel of the Public API dashboard renders real data without errors', async ({ page }) => {
    test.setTimeout(120_000);
    await new SignInPage(page).signInAs('operator', '/dashboards');
    const d = new DashboardPage(page);
    await d.open('public-api');
    await expect(page).toHaveURL(/from=now-1h&to=now/);
    // Telemetry arrives within a few scrapes; auto-refresh (30s) or a reload picks it up.
    await expect
      .poll(
        async () => {
          await page.reload();
          await d.waitForPanelsSettled();
          return { errors: await d.panelIdsIn('error'), forbidden: await d.panelIdsIn('forbidden'), ready: await d.panelIdsIn('ready') };
        },
        { timeout: 90_000, intervals: [3_000] },
      )
      .toMatchObject({ errors: [], forbidden: [], ready: expect.arrayContaining(['total-rate', 'post-checkout-rate', 'get-products-rate', 'get-products-latency-typical']) });
    await expect(d.panel('total-rate').getByTestId('stat-value')).toContainText('req/s');
  });

  test('a latency panel with exemplars shows them on its line, and one opens its trace waterfall with the dashboard range', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, 'operator');
    const d = new DashboardPage(page);
    await d.open('public-api');
    // The shop's checkouts record trace ids as exemplars on the gateway's duration histogram, which
    // Prometheus scrapes every 2 s in the test stack; a reload picks up the newest ones.
    const points = d.panel('post-checkout-latency-tail').getByTestId('exemplar-point');
    await expect
      .poll(
        async () => {
          await page.reload();
          await d.waitForPanelsSettled();
          return points.count();
        },
        { timeout: 90_000, intervals: [3_000] },
      )
      .toBeGreaterThan(0);
    // Points of other panels: only panels that ask for exemplars draw them.
    await expect(d.panel('post-checkout-latency-typical').getByTestId('exemplar-point')).toHaveCount(0);
    const href = (await points.last().getAttribute('href')) ?? '';
    const traceId = /^\/traces\/([0-9a-f]{32})\?/.exec(href)?.[1] ?? '';
    expect(href).toBe(`/traces/${traceId}?from=now-1h&to=now&service=api-gateway`);
    const point = d.panel('post-checkout-latency-tail').locator(`[data-testid="exemplar-point"][href="${href}"]`).first();
    await point.hover();
    const tooltip = page.getByTestId('exemplar-tooltip');
    await expect(tooltip).toContainText(traceId);
    await expect(tooltip).toContainText(/\d( ms| s| µs)/);
    await expect.poll(() => hasSpan(traceId, 'api-gateway', 'POST /api/checkout'), { timeout: 30_000, intervals: [1_000] }).toBe(true);
    await point.click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}\\?from=now-1h&to=now&service=api-gateway$`));
    await expect(page.getByRole('treeitem', { name: /^api-gateway POST \/api\/checkout,/ })).toBeVisible({ timeout: 30_000 });
    await page.goBack();
    await expect(page).toHaveURL(/\/d\/public-api/);
  });

  test('a viewer sees the operator-only panels as such, and every other panel works', async ({ page }) => {
    await signIn(page, 'viewer');
    const d = new DashboardPage(page);
    await d.open('public-api');
    await d.waitForPanelsSettled();
    expect(await d.panelIdsIn('forbidden')).toEqual(['alerts']);
    await expect(d.panel('alerts')).toContainText('This panel needs the operator role');
    expect(await d.panelIdsIn('error')).toEqual([]);
  });

  test('changing a variable updates every panel and Back restores the previous value', async ({ page }) => {
    await signIn(page, 'operator');
    const d = new DashboardPage(page);
    await d.open('svc-checkout');
    await d.waitForPanelsSettled();
    const route = d.variable('Route');
    await expect.poll(async () => (await route.locator('option').allTextContents()).length, { timeout: 60_000, intervals: [2_000] }).toBeGreaterThan(1);
    const choice = (await route.locator('option').allTextContents()).find((o) => o !== 'All') ?? '';
    const dataPanels = await d.panelIds(':not([data-panel-type="markdown"])');
    const responses = dataPanels.map((id) => d.waitForPanelResponse('svc-checkout', id, (u) => u.searchParams.getAll('var-route').join() === choice));
    await route.selectOption([choice]);
    await expect(page).toHaveURL(new RegExp(`var-route=${encodeURIComponent(choice).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const answered = await Promise.all(responses);
    expect(answered.map((r) => r.status()).filter((s) => s !== 200)).toEqual([]);
    await page.goBack();
    await expect(page).not.toHaveURL(/var-route=/);
  });

  test('a deployment in range draws on the panels of its service and not on others', async ({ page }) => {
    await signIn(page, 'admin');
    const id = `e2e-payment-${Date.now()}`;
    const res = await page.request.post('/api/deployments', {
      data: { id, service: 'payment', environment: 'production', version: 'v2.3.1', commit: 'abcdef123456', url: 'https://ci.example.com/run/1', startedAt: new Date(Date.now() - 120_000).toISOString() },
    });
    expect(res.status()).toBe(201);
    const d = new DashboardPage(page);
    await d.open('public-api');
    await d.waitForPanelsSettled();
    const withPayment = ['post-checkout-rate', 'post-checkout-errors', 'post-checkout-latency-typical'];
    const withoutPayment = ['get-products-rate', 'get-cart-id-rate', 'get-orders-id-rate'];
    for (const p of withPayment) await expect(d.panel(p).locator('[data-testid="deployment-marker"][data-service="payment"]')).toHaveCount(1);
    for (const p of withoutPayment) await expect(d.panel(p).locator('[data-testid="deployment-marker"][data-service="payment"]')).toHaveCount(0);
    await d.deploymentMarkers('post-checkout-rate').first().hover();
    const details = d.panel('post-checkout-rate').getByTestId('deployment-details');
    await expect(details).toContainText('payment v2.3.1');
    await expect(details).toContainText('abcdef123456');
    await expect(details).toContainText('admin');
    await expect(details.getByRole('link', { name: 'Open deployment' })).toHaveAttribute('href', 'https://ci.example.com/run/1');
  });

  test("a threshold line sits at the alert rule's value", async ({ page, request }) => {
    const rules = (await (await request.get(`${process.env.PROMETHEUS_URL}/api/v1/rules?type=alert`)).json()) as { data: { groups: { rules: { name: string; query: string }[] }[] } };
    const rule = rules.data.groups.flatMap((g) => g.rules).find((r) => r.name === 'CheckoutAvailabilityBurnRate1h');
    const m = /> ([\d.]+) \* ([\d.]+)/.exec(rule?.query ?? '');
    expect(m, `rule expression: ${rule?.query}`).not.toBeNull();
    const expected = Number(m?.[1]) * Number(m?.[2]);
    await signIn(page, 'operator');
    const d = new DashboardPage(page);
    const answer = d.waitForPanelResponse('public-api', 'post-checkout-errors');
    await d.open('public-api');
    const data = (await (await answer).json()) as { thresholds: { value: number; label: string }[] };
    expect(data.thresholds).toEqual([expect.objectContaining({ value: expected, label: 'pages (1h burn rate)' })]);
    const panel = d.panel('post-checkout-errors');
    await expect(panel.getByTestId('threshold')).toHaveText(`┄ pages (1h burn rate): ${Number((expected * 100).toFixed(2))}%`);
    await expect(panel.getByTestId('threshold')).toHaveAttribute('data-value', String(expected));
    await expect(panel.locator('.threshold-line .recharts-reference-line-line')).toHaveCount(1);
    // A day without data: "No data", and the line still shows where the alert pages.
    await d.open('public-api', 'from=now-7d&to=now-6d');
    await expect(panel.getByTestId('no-data')).toBeVisible();
    await expect(panel.locator('.threshold-line .recharts-reference-line-line')).toHaveCount(1);
  });

  test('a broken dashboard file shows a precise error while the other dashboards keep working', async ({ page }) => {
    mkdirSync(dashboardsDir, { recursive: true });
    const good = JSON.parse(readFileSync(path.join(dashboardsDir, 'public-api.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(brokenFile, JSON.stringify({ ...good, slug: brokenSlug, kind: 'dashboard-of-doom' }, null, 2));
    await signIn(page, 'viewer');
    await page.goto('/dashboards');
    const err = page.getByTestId('file-error').filter({ hasText: `${brokenSlug}.json` });
    await expect(err).toContainText('/kind');
    await expect(err).toContainText(/slo|api|service/);
    await expect(page.getByRole('link', { name: 'Public API' })).toBeVisible();
    await page.goto(`/d/${brokenSlug}`);
    await expect(page.getByRole('heading', { name: `Dashboard “${brokenSlug}” has errors` })).toBeVisible();
    await expect(page.getByTestId('file-error')).toContainText('/kind');
    const d = new DashboardPage(page);
    await d.open('shop-slos');
    await d.waitForPanelsSettled();
    expect(await d.panelIdsIn('error')).toEqual([]);
  });

  test('the URL reproduces the view in a new tab', async ({ page, context }) => {
    await signIn(page, 'operator');
    const d = new DashboardPage(page);
    // Absolute times up to now: the shop may have been feeding the backends for only a minute.
    const to = Date.now();
    const from = to - 20 * 60_000;
    await d.open('svc-checkout', `from=${from}&to=${to}`);
    await expect.poll(async () => (await d.variable('Route').locator('option').allTextContents()).length, { timeout: 60_000 }).toBeGreaterThan(1);
    const choice = (await d.variable('Route').locator('option').allTextContents()).find((o) => o !== 'All') ?? '';
    await d.variable('Route').selectOption([choice]);
    await expect(page).toHaveURL(/var-route=/);
    const tab = await context.newPage();
    const d2 = new DashboardPage(tab);
    const answer = d2.waitForPanelResponse('svc-checkout', (await d.panelIds())[0] ?? '');
    await tab.goto(page.url());
    const url = new URL((await answer).url());
    expect([url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.getAll('var-route')]).toEqual([String(from), String(to), [choice]]);
    await expect(d2.variable('Route')).toHaveValues([choice]);
    await expect(tab.getByRole('button', { name: 'Time range' })).toHaveText(/→/);
  });

  test('an auto-refresh chosen before the page is interactive takes effect once it is', async ({ page }) => {
    await signIn(page, 'viewer');
    const release = await holdScripts(page);
    await page.goto('/d/public-api?from=now-1h&to=now', { waitUntil: 'commit' });
    // The dashboard refreshes every 30 s by default (the page writes it into the URL): choose another.
    await page.getByLabel('Auto-refresh').selectOption('1m');
    release();
    await waitForHydration(page);
    await expect(page).toHaveURL(/refresh=1m/);
    await expect(page.getByLabel('Auto-refresh')).toHaveValue('1m');
  });

  test('auto-refresh does what the picker shows: a link without refresh gets the dashboard default, and "off" stops it', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.clock.install();
    const d = new DashboardPage(page);
    await d.open('public-api', 'from=now-1h&to=now');
    await expect(page).toHaveURL(/refresh=30s/);
    await expect(page.getByLabel('Auto-refresh')).toHaveValue('30s');
    await waitForHydration(page);
    await d.waitForPanelsSettled();
    let asked = 0;
    page.on('request', (r) => void (new URL(r.url()).pathname.startsWith('/api/dashboards/public-api/panels/') && asked++));
    await page.clock.fastForward('00:31');
    await expect.poll(() => asked).toBeGreaterThan(0);
    await page.getByLabel('Auto-refresh').selectOption('off');
    await expect(page).toHaveURL(/refresh=off/);
    await expect(page.getByLabel('Auto-refresh')).toHaveValue('off');
    await d.waitForPanelsSettled();
    asked = 0;
    await page.clock.fastForward('02:00');
    // The 31 s above made requests at once; give any refresh as long to show before counting none.
    await page.waitForTimeout(1_000);
    expect(asked).toBe(0);
  });

  test('a ?tz= shows the whole page in that zone, and one that is not a zone is refused', async ({ page }) => {
    await signIn(page, 'viewer');
    const d = new DashboardPage(page);
    await d.open('public-api', 'from=now-1h&to=now&tz=Asia%2FTokyo');
    await expect(page.getByTestId('dashboard')).toHaveAttribute('data-timezone', 'Asia/Tokyo');
    await expect(page.getByText('times in Asia/Tokyo')).toBeVisible();
    await expect(page.locator('[data-app-header]')).toContainText('Asia/Tokyo');
    await page.goto('/d/public-api?from=now-1h&to=now&tz=Mars%2FOlympus');
    await expect(page.getByRole('alert').filter({ hasText: 'is not a time zone' })).toContainText('“Mars/Olympus” is not a time zone');
    await page.getByRole('link', { name: /dashboard’s own time zone \(UTC\)/ }).click();
    await expect(page.getByTestId('dashboard')).toHaveAttribute('data-timezone', 'UTC');
  });

  test('a hostile variable value gets a clear error naming the variable', async ({ page }) => {
    await signIn(page, 'operator');
    const hostile = '"} or vector(1) or {a="';
    const res = await page.request.get(`/api/dashboards/svc-checkout/panels/${'request-rate'}?var-route=${encodeURIComponent(hostile)}`);
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain('$route');
    const d = new DashboardPage(page);
    await d.open('svc-checkout', `var-route=${encodeURIComponent(hostile)}`);
    await d.waitForPanelsSettled();
    const errors = page.getByTestId('panel-error');
    await expect(errors.first()).toContainText('$route');
    await expect(errors.first()).toContainText('not allowed');
  });
});
