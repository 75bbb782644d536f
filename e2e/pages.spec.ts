import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { waitForHydration } from './support/hydration';
import { pushUniqueTrace, uniqueSuffix } from './support/push-telemetry';

/**
 * Every page loads cleanly: no uncaught error or error logged in the browser (a hydration mismatch
 * is one), and no request of the page's own answered with an error status (a missing icon, script
 * or API call).
 */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  const origin = () => new URL(page.url()).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin())) problems.push(`${page.url()}: ${r.request().method()} ${r.url()} answered ${r.status()}`);
  });
  return problems;
}

async function visit(page: Page, path: string, visible: RegExp): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: visible }).first()).toBeVisible();
  // Let the page's own queries settle (panels, lists), whose failures count too.
  await page.waitForLoadState('networkidle');
}

test('the sign-in page and every page of the app load without a browser error or a failed request', async ({ page }) => {
  test.slow();
  const trace = await pushUniqueTrace(uniqueSuffix(), 20);
  const problems = watchForProblems(page);
  await visit(page, '/signin', /Sign in to Sightline/);
  await new SignInPage(page).signInAs('admin');
  const pages: [string, RegExp][] = [
    ['/dashboards', /Dashboards/],
    ['/d/public-api', /Public API/],
    ['/d/shop-slos', /Shop SLOs/],
    ['/d/svc-checkout', /Service: checkout/],
    ['/slos', /SLOs/],
    ['/slos/checkout-availability', /Checkout/],
    ['/alerts', /Alerts/],
    ['/traces', /Traces/],
    [`/traces/${trace.traceId}`, new RegExp(trace.spans[0]!.operation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
    ['/logs?query=%7Bservice%3D%22checkout%22%7D', /Logs/],
    ['/explore?query=up', /Explore/],
    ['/deployments', /Deployments/],
    ['/settings', /Settings/],
    ['/search', /Search/],
  ];
  for (const [path, heading] of pages) await visit(page, path, heading);
  expect(problems).toEqual([]);
});
