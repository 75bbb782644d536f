import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { SignInPage } from './pages/sign-in-page';

// The header search box on the demo shop started by e2e/global-setup.ts: a correlation id we send
// ourselves through the shop's public API finds its trace and its logs; a trace id opens the trace.

const PROMETHEUS_URL = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';

/** The api-gateway's address, as Prometheus scrapes it (the shop runs on free ports). */
async function findGatewayUrl(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent('build_info{job="shop",service="api-gateway"}')}`);
    const body = (await res.json()) as { data: { result: { metric: Record<string, string> }[] } };
    const instance = body.data.result[0]?.metric.instance;
    if (instance) return `http://${instance}`;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error('the demo shop is not scraped by the e2e Prometheus; e2e/global-setup.ts must start it');
}

/** The header search box, once it is interactive. */
async function searchBox(page: Page) {
  await expect(page.getByRole('search', { name: 'Find a trace or correlation id' })).toHaveAttribute('data-hydrated', 'true');
  return page.getByRole('searchbox', { name: 'Trace or correlation id' });
}

/** Searches until both the trace and a log line show (Jaeger and Loki ingest within seconds). */
async function searchUntilFound(page: Page, q: string) {
  const box = await searchBox(page);
  for (let attempt = 0; attempt < 15; attempt++) {
    await box.fill(q);
    await box.press('Enter');
    await expect(page.getByTestId('search-results')).toBeVisible({ timeout: 30_000 });
    const traces = await page.getByRole('region', { name: 'Matching traces' }).getByRole('link').count();
    const lines = await page.getByRole('region', { name: 'Matching log lines' }).getByRole('listitem').count();
    if (traces > 0 && lines > 0) return;
    await page.waitForTimeout(2_000);
  }
}

test('a correlation id sent through the shop finds its trace and its logs; a trace id opens that trace', async ({ page }) => {
  test.setTimeout(120_000);
  const gateway = await findGatewayUrl();
  const correlationId = `e2e-${randomUUID()}`;
  // An unknown product: api-gateway answers 404 and writes a log line for it.
  const res = await fetch(`${gateway}/api/products/no-such-${correlationId}`, { headers: { 'x-request-id': correlationId } });
  expect(res.status).toBe(404);
  const traceId = res.headers.get('x-trace-id') ?? '';
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  await new SignInPage(page).signInAs('operator', '/dashboards');
  await searchUntilFound(page, correlationId);
  await expect(page.getByRole('heading', { name: `Correlation id ${correlationId}` })).toBeVisible();
  const traces = page.getByRole('region', { name: 'Matching traces' });
  await expect(traces.getByRole('link', { name: `Trace ${traceId}` })).toBeVisible();
  const logs = page.getByRole('region', { name: 'Matching log lines' }).getByRole('listitem');
  await expect(logs.first()).toBeVisible();
  await expect(logs.filter({ hasText: `product no-such-${correlationId} not found` })).toContainText('api-gateway');

  await traces.getByRole('link', { name: `Trace ${traceId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });

  // A trace id typed in the box opens the trace directly.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const box = await searchBox(page);
  await box.fill(traceId.toUpperCase());
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
});

test('hostile or empty input is refused with a message, in the box, on the page and by the API', async ({ page }) => {
  await new SignInPage(page).signInAs('operator', '/dashboards');
  const box = await searchBox(page);
  await box.fill('x" } |= "');
  await box.press('Enter');
  await expect(page.getByRole('search', { name: 'Find a trace or correlation id' }).getByRole('alert')).toContainText('letters, digits');
  await expect(page).toHaveURL(/\/dashboards/);
  await box.fill('   ');
  await box.press('Enter');
  await expect(page.getByRole('search', { name: 'Find a trace or correlation id' }).getByRole('alert')).toContainText('Type a correlation id');

  await page.goto(`/search?q=${encodeURIComponent('{service_name=~".+"}')}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing searched' })).toBeVisible();
  const api = await page.request.get(`/api/search?q=${encodeURIComponent('a b')}`);
  expect(api.status()).toBe(400);
  expect((await api.json()).error.code).toBe('INVALID_INPUT');
});
