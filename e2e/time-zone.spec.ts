import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';

// A browser in Japan (UTC+09:00 all year), so its local times differ from UTC by a fixed offset.
test.use({ timezoneId: 'Asia/Tokyo' });

const JST_MS = 9 * 3600_000;
/** "YYYY-MM-DD HH:MM:SS" of an epoch-ms time shifted by `offsetMs`. */
const wall = (t: number, offsetMs = 0) => new Date(t + offsetMs).toISOString().slice(0, 19).replace('T', ' ');

test('pages outside dashboards show times in UTC or, once chosen, in the browser zone, remembered across visits', async ({ page }) => {
  await new SignInPage(page).signInAs('admin');
  const tag = `e2e-tz-${Date.now()}`;
  const startedAt = Math.floor((Date.now() - 120_000) / 1000) * 1000;
  const posted = await page.request.post('/api/deployments', { data: { id: tag, service: 'inventory', environment: 'production', version: tag, commit: 'abc1234', startedAt: new Date(startedAt).toISOString() } });
  expect(posted.status()).toBe(201);

  await page.goto('/deployments?from=now-1h&to=now');
  const row = page.getByRole('row').filter({ hasText: tag });
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await expect(zone).toHaveValue('UTC');
  await expect(row).toContainText(`${wall(startedAt)} UTC`);

  await expect(zone.locator('option[value="local"]')).toHaveText('Local (Asia/Tokyo)');
  await zone.selectOption('local');
  await expect(row).toContainText(`${wall(startedAt, JST_MS)} Asia/Tokyo`);
  await expect(row).not.toContainText(' UTC');

  // Remembered: another visit starts in the chosen zone, and so do the absolute range inputs.
  await page.reload();
  await expect(zone).toHaveValue('local');
  await expect(row).toContainText(`${wall(startedAt, JST_MS)} Asia/Tokyo`);
  await page.getByRole('button', { name: 'Time range' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose time range' });
  await dialog.getByLabel('From (Asia/Tokyo)').fill('2025-01-10T21:00');
  await dialog.getByLabel('To (Asia/Tokyo)').fill('2025-01-10T22:00');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  // 21:00 in Tokyo is 12:00 UTC.
  await expect(page).toHaveURL(new RegExp(`from=${Date.UTC(2025, 0, 10, 12, 0)}&to=${Date.UTC(2025, 0, 10, 13, 0)}`));
  await expect(page.getByRole('button', { name: 'Time range' })).toHaveText('2025-01-10 21:00 → 2025-01-10 22:00');

  // A dashboard keeps its own zone, and says which.
  await page.goto('/d/svc-inventory');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-timezone', 'UTC');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveCount(0);

  await page.goto('/deployments?from=now-1h&to=now');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  await expect(row).toContainText(`${wall(startedAt)} UTC`);
});
