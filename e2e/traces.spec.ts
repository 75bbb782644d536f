import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { holdScripts, waitForHydration } from './support/hydration';
import { pushLogs, pushUniqueTrace, uniqueSuffix } from './support/push-telemetry';

test('trace search finds a pushed trace, plots it, lists it, and a dot opens its waterfall', async ({ page }) => {
  const suffix = uniqueSuffix();
  const trace = await pushUniqueTrace(suffix, 40);
  const root = trace.spans[0]!;
  const errors = trace.spans.filter((s) => s.error).length;

  await new SignInPage(page).signInAs('operator', '/traces');
  await page.getByLabel('Service', { exact: true }).selectOption(root.service);
  await expect(page.getByLabel('Operation').locator('option', { hasText: root.operation })).toHaveCount(1);
  await page.getByRole('button', { name: 'Find traces' }).click();

  // The search is in the URL, so it can be shared and Back returns to it.
  await expect(page).toHaveURL(new RegExp(`service=${root.service}`));
  const row = page.getByRole('table', { name: 'Traces found' }).getByRole('row').filter({ hasText: trace.traceId });
  await expect(row).toContainText(`${root.service}: ${root.operation}`);
  await expect(row).toContainText('40');
  await expect(row.getByRole('cell').nth(3)).toHaveText(String(errors));
  await expect(row.getByRole('list', { name: 'Services' })).toContainText(root.service);

  const dots = page.getByTestId('trace-scatter').locator('.recharts-scatter-symbol');
  await expect(dots).toHaveCount(1);
  // One trace still gets a time axis: the minute around it, in seconds.
  await expect(page.getByTestId('trace-scatter').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText(/^\d\d:\d\d:\d\d$/);
  await dots.first().click();
  await expect(page).toHaveURL(new RegExp(`/traces/${trace.traceId}$`));
  await expect(page.getByRole('tree', { name: 'Spans of the trace' }).getByRole('treeitem').first()).toContainText(root.operation);

  await page.goBack();
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue(root.service);
  await expect(row).toBeVisible();
});

test('errors only keeps errored traces; a bad duration is named at its field; the list sorts', async ({ page }) => {
  const suffix = uniqueSuffix();
  const failed = await pushUniqueTrace(suffix, 60, { errors: 'one' });
  const clean = await pushUniqueTrace(suffix, 30, { errors: 'none', seed: 1 });
  const service = failed.spans[0]!.service;
  await new SignInPage(page).signInAs('operator', `/traces?service=${service}&minDuration=fast`);
  await expect(page.getByText('must be a duration such as 100ms, 1.5s or 2m').first()).toBeVisible();

  await page.getByLabel('Min duration').fill('1ms');
  await page.getByLabel('Errors only').check();
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(/errors=1/);
  const table = page.getByRole('table', { name: 'Traces found' });
  await expect(table.getByRole('row').filter({ hasText: failed.traceId })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: clean.traceId })).toHaveCount(0);

  await page.getByLabel('Errors only').uncheck();
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(table.getByRole('row').filter({ hasText: clean.traceId })).toBeVisible();
  // Sorted by span count, the 60-span trace comes before the 30-span one, and the other way round.
  const ids = () => table.getByRole('row').locator('td:first-child div').allTextContents();
  await page.getByRole('button', { name: /^Spans/ }).click();
  await expect(page.getByRole('columnheader', { name: /Spans/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await ids()).toEqual([failed.traceId, clean.traceId]);
  await page.getByRole('button', { name: /^Spans/ }).click();
  expect(await ids()).toEqual([clean.traceId, failed.traceId]);
});

test('what is typed into the trace search before the page is interactive is what gets searched', async ({ page }) => {
  const suffix = uniqueSuffix();
  const failed = await pushUniqueTrace(suffix, 20, { errors: 'one' });
  const clean = await pushUniqueTrace(suffix, 10, { errors: 'none', seed: 1 });
  const service = failed.spans[0]!.service;
  await new SignInPage(page).signInAs('operator');
  const release = await holdScripts(page);
  // The service comes from the URL (the BFF's short cache of Jaeger's service list may predate it).
  await page.goto(`/traces?service=${service}&from=now-1h&to=now`, { waitUntil: 'commit' });
  await page.getByLabel('Min duration').fill('1ms');
  await page.getByLabel('Errors only').check();
  release();
  await waitForHydration(page);
  await expect(page.getByLabel('Min duration')).toHaveValue('1ms');
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(/errors=1/);
  expect(new URL(page.url()).searchParams.get('minDuration')).toBe('1ms');
  const table = page.getByRole('table', { name: 'Traces found' });
  await expect(table.getByRole('row').filter({ hasText: failed.traceId })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: clean.traceId })).toHaveCount(0);
});

test('a trace search sent before the page is interactive is a plain GET that keeps the service, the fields and the time range', async ({ page }) => {
  const trace = await pushUniqueTrace(uniqueSuffix(), 10);
  const service = trace.spans[0]!.service;
  await new SignInPage(page).signInAs('operator');
  const release = await holdScripts(page);
  await page.goto(`/traces?service=${service}&from=now-3h&to=now`, { waitUntil: 'commit' });
  await page.getByLabel('Max duration').fill('1h');
  await page.getByLabel('Limit').fill('50');
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(/maxDuration=1h/);
  const sent = new URL(page.url()).searchParams;
  expect([sent.get('service'), sent.get('limit'), sent.get('from'), sent.get('to')]).toEqual([service, '50', 'now-3h', 'now']);
  release();
  await waitForHydration(page);
  // The next page renders the search it was sent, and runs it.
  await expect(page.getByLabel('Max duration')).toHaveValue('1h');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue(service);
  await expect(page.getByRole('table', { name: 'Traces found' }).getByRole('row').filter({ hasText: trace.traceId })).toBeVisible();
});

test('the trace view data comes over Jaeger gRPC, says where its time went, and an unknown trace is 404', async ({ page }) => {
  const trace = await pushUniqueTrace(uniqueSuffix(), 25);
  await new SignInPage(page).signInAs('operator', '/traces');
  const res = await page.request.get(`/api/traces/${trace.traceId}/view`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { v: number; spanIds: string[]; attributeEnds: number[] };
  expect(body.v).toBe(2);
  expect(body.spanIds).toHaveLength(25);
  expect(body.attributeEnds).toHaveLength(25);
  // Server-Timing: Jaeger's part (read over gRPC, as the test stack configures), the decoding, and this request's wait.
  const timing = res.headers()['server-timing'] ?? '';
  expect(timing).toMatch(/jaeger;desc="grpc";dur=\d/);
  expect(timing).toMatch(/decode;desc="grpc";dur=\d/);
  expect(timing).toMatch(/wait;dur=\d/);
  const missing = await page.request.get('/api/traces/0000000000000000000000000000dead/view');
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
});

test('a trace with more log lines than its log panel holds says which end is missing and can show the newest instead', async ({ page }) => {
  const suffix = uniqueSuffix();
  const trace = await pushUniqueTrace(suffix, 5);
  const root = trace.spans[0]!;
  // 10 lines over the panel's 5,000; numbered so that the first one shown tells which end was kept.
  const lines = Array.from({ length: 5_010 }, (_, i) => ({ body: `step ${String(i).padStart(4, '0')} ${suffix}`, level: 'INFO' as const, traceId: trace.traceId, spanId: root.spanId }));
  await pushLogs(root.service, lines);

  await new SignInPage(page).signInAs('operator', `/traces/${trace.traceId}`);
  const panel = page.getByRole('region', { name: 'Logs of this trace' });
  const shown = panel.getByRole('list', { name: 'Log lines of the trace' }).getByRole('listitem');
  await expect(panel.getByRole('status')).toHaveText('Showing the oldest 5,000 lines of this trace; later lines are missing.');
  await expect(shown.first()).toContainText(`step 0000 ${suffix}`);

  await panel.getByRole('button', { name: 'Show the newest lines instead' }).click();
  await expect(panel.getByRole('status')).toHaveText('Showing the newest 5,000 lines of this trace; earlier lines are missing.');
  // Still in time order: the oldest of the newest 5,000 on top.
  await expect(shown.first()).toContainText(`step 0010 ${suffix}`);
  await expect(panel.getByRole('button', { name: 'Show the oldest lines instead' })).toBeVisible();
});
