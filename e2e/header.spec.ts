import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { waitForHydration } from './support/hydration';

/**
 * The header's time range and auto-refresh show what the page does: each appears only where the
 * page uses it, and the refresh shows the interval the page really refreshes at.
 */

const timeRange = (page: Page) => page.getByRole('button', { name: 'Time range' });
const autoRefresh = (page: Page) => page.getByLabel('Auto-refresh');

/** Counts the page's requests to an API path from now on. */
function countRequests(page: Page, pathname: string): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (r) => void (new URL(r.url()).pathname === pathname && n++));
  return { count: () => n, reset: () => void (n = 0) };
}

test('the alerts list refreshes as the header says: every 30 s unless chosen, and not at all when off', async ({ page }) => {
  await new SignInPage(page).signInAs('operator');
  await page.clock.install();
  await page.goto('/alerts');
  await waitForHydration(page);
  await expect(autoRefresh(page)).toHaveValue('30s');
  await expect(timeRange(page)).toBeVisible();
  await expect(page.getByText(/\d+ alerts?$/)).toBeVisible();
  const asked = countRequests(page, '/api/alerts');
  await page.clock.fastForward('00:31');
  await expect.poll(asked.count).toBeGreaterThan(0);

  await autoRefresh(page).selectOption('off');
  await expect(page).toHaveURL(/refresh=off/);
  await page.waitForLoadState('networkidle');
  asked.reset();
  await page.clock.fastForward('02:00');
  // Any refresh would be asked for at once; give it as long to show before counting none.
  await page.waitForTimeout(1_000);
  expect(asked.count()).toBe(0);

  await autoRefresh(page).selectOption('1m');
  await expect(page).toHaveURL(/refresh=1m/);
  await page.waitForLoadState('networkidle');
  asked.reset();
  await page.clock.fastForward('00:31');
  await page.waitForTimeout(1_000);
  expect(asked.count()).toBe(0);
  await page.clock.fastForward('00:30');
  await expect.poll(asked.count).toBeGreaterThan(0);
});

test('pages show only the header controls they use', async ({ page }) => {
  await new SignInPage(page).signInAs('operator');
  // SLO figures cover their own windows, and refresh each minute.
  await page.goto('/slos');
  await waitForHydration(page);
  await expect(autoRefresh(page)).toHaveValue('1m');
  await expect(timeRange(page)).toHaveCount(0);
  // The trace search reads the range and does not refresh on its own.
  await page.goto('/traces');
  await waitForHydration(page);
  await expect(timeRange(page)).toBeVisible();
  await expect(autoRefresh(page)).toHaveCount(0);
  // The dashboard list has neither.
  await page.goto('/dashboards');
  await waitForHydration(page);
  await expect(timeRange(page)).toHaveCount(0);
  await expect(autoRefresh(page)).toHaveCount(0);
  // Moving between pages in the app changes the controls with the page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(autoRefresh(page)).toHaveValue('30s');
  await expect(timeRange(page)).toBeVisible();
});
