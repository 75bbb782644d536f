import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { SloPage } from './pages/slo-page';

// Stakeholder view of the SLOs on the real test backends. With the demo shop feeding them
// (e2e/global-setup.ts sets SIGHTLINE_E2E_SHOP) the SLOs have data; on fresh backends without
// traffic every SLO must read "No data", never 100%.
const shopRunning = process.env.SIGHTLINE_E2E_SHOP === 'running';
const STATES = /Meeting objective|At risk|Objective missed|No data/;

test('a viewer reads every SLO\'s status, budget and burn rate on /slos and opens one', async ({ page }) => {
  await new SignInPage(page).signInAs('viewer', '/slos');
  const slos = new SloPage(page);
  await slos.gotoList();
  for (const name of ['Payment', 'Checkout']) {
    const card = slos.card(name);
    await expect(card.getByTestId('slo-state')).toHaveText(STATES);
    await expect(card.getByTestId('budget-remaining')).toContainText(/budget/i);
    await expect(card.getByTestId('slo-burn-rate')).toHaveText(/×|no data/);
  }
  if (!shopRunning) {
    await expect(slos.card('Payment').getByTestId('slo-state')).toHaveText('No data');
    await expect(slos.card('Payment').getByTestId('slo-sli')).toContainText('no data');
    await expect(page.getByRole('main')).not.toContainText('100.00%');
  }
  await slos.expectNoOperatorContent();
  await slos.card('Payment').getByRole('link', { name: 'Payment' }).click();
  await expect(page).toHaveURL(/\/slos\/payment-availability$/);
  await expect(slos.sentence()).toContainText('Payment');
});

test('an SLO page says in plain words where the SLO stands, with budget, burn rates and compliance', async ({ page }) => {
  await new SignInPage(page).signInAs('viewer', '/slos');
  const slo = new SloPage(page);
  await slo.goto('payment-availability');
  await expect(slo.state()).toHaveText(STATES);
  await expect(slo.section('Error budget')).toBeVisible();
  // The SRE Workbook's windows and factors for a 30-day SLO, each with its alert's state in words.
  await expect(slo.burnRateRows()).toHaveCount(3);
  await expect(slo.burnRateRows().nth(0)).toContainText('1h / 5m');
  await expect(slo.burnRateRows().nth(0)).toContainText('14.4×');
  await expect(slo.burnRateRows().nth(1)).toContainText('6h / 30m');
  await expect(slo.burnRateRows().nth(2)).toContainText('3d / 6h');
  for (const row of await slo.burnRateRows().all()) await expect(row.getByTestId('burn-rate-alert')).toHaveText(/not firing|firing/);
  await expect(slo.complianceRows()).toHaveCount(6);
  if (shopRunning) {
    await expect(slo.sentence()).toContainText(/objective 99.5%/);
  } else {
    await expect(slo.sentence()).toContainText('has no data');
    await expect(slo.state()).toHaveText('No data');
    await expect(page.getByTestId('burn-down-no-data')).toBeVisible();
    for (const row of await slo.complianceRows().all()) await expect(row).toContainText('No data');
    await expect(page.getByRole('main')).not.toContainText('100.00%');
  }
  await expect(slo.section('Incidents')).toBeVisible();
  await expect(slo.section('Deployments')).toBeVisible();
  await slo.expectNoOperatorContent();
});

test('the month\'s report downloads as CSV', async ({ page }) => {
  await new SignInPage(page).signInAs('viewer', '/slos');
  const slo = new SloPage(page);
  await slo.goto('payment-availability');
  const download = await slo.downloadReport();
  const month = new Date().toISOString().slice(0, 7);
  expect(download.suggestedFilename()).toBe(`payment-availability-${month}.csv`);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('date,good_events,valid_events,sli_percent,budget_spent_percent,note');
  // One row per day of the month so far, then the whole month.
  expect(lines.length).toBe(new Date().getUTCDate() + 2);
  expect(lines.at(-1)).toMatch(new RegExp(`^${month},`));
  const bad = await page.request.get('/api/slos/payment-availability/report.csv?month=2026-13');
  expect(bad.status()).toBe(400);
});

test('an unknown SLO id is a 404 that names the id', async ({ page }) => {
  await new SignInPage(page).signInAs('viewer', '/slos');
  const res = await page.goto('/slos/no-such-slo');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No SLO with id “no-such-slo”' })).toBeVisible();
  const api = await page.request.get('/api/slos/no-such-slo');
  expect(api.status()).toBe(404);
});

test('a viewer reads status, budget and burn rate on the Shop SLOs dashboard', async ({ page }) => {
  await new SignInPage(page).signInAs('viewer', '/d/shop-slos');
  await expect(page).toHaveURL(/\/d\/shop-slos/);
  const statuses = page.getByRole('main').locator('[data-testid="slo-status"], [data-testid="slo-state"]');
  await expect(statuses.first()).toBeVisible({ timeout: 30_000 });
  await expect(statuses.first()).toHaveText(STATES);
  await expect(page.getByRole('main')).toContainText(/Budget left|budget left/);
  await expect(page.getByRole('main')).toContainText(/Burn rate/);
  await new SloPage(page).expectNoOperatorContent();
});
