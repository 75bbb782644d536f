import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { holdScripts, waitForHydration } from './support/hydration';

test('a PromQL range query in explore charts its series and keeps +Inf, -Inf and "no data" apart', async ({ page }) => {
  await new SignInPage(page).signInAs('developer', '/explore?lang=promql&mode=range&from=now-10m&to=now');
  const query = ['label_replace(vector(+Inf), "side", "up", "", "")', 'label_replace(vector(-Inf), "side", "down", "", "")', 'label_replace(vector(NaN), "side", "none", "", "")', 'label_replace(vector(0.25), "side", "quarter", "", "")'].join(' or ');
  await page.getByRole('textbox', { name: 'PromQL' }).fill(query);
  await page.getByRole('button', { name: 'Run' }).click();

  const rows = page.getByRole('table', { name: 'Series' }).getByRole('row');
  await expect(rows).toHaveCount(5); // header + 4 series
  const row = (side: string) => rows.filter({ hasText: `side="${side}"` });
  await expect(row('up').getByRole('cell').nth(1)).toHaveText('+Inf');
  await expect(row('down').getByRole('cell').nth(1)).toHaveText('-Inf');
  await expect(row('none').getByRole('cell').nth(1)).toHaveText('—');
  await expect(row('quarter').getByRole('cell').nth(1)).toHaveText('0.25');
  // Ten minutes of evenly spaced points, every one of them delivered, for each series alike.
  const counts = await Promise.all(['up', 'down', 'none', 'quarter'].map(async (side) => Number(await row(side).getByRole('cell').nth(2).innerText())));
  expect(counts[0]).toBeGreaterThan(10);
  expect(new Set(counts).size).toBe(1);
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
});

test('a sample alone between gaps is drawn as a dot, not lost to the broken line', async ({ page }) => {
  // One evaluation in each 10-minute slot of wall-clock time has a value, every other one none: over the last
  // 10 minutes that is one or two samples, each with gaps around it.
  const query = 'label_replace(vector(1), "side", "lone", "", "") and on() (vector(time()) % 600 < 3)';
  await new SignInPage(page).signInAs('developer', `/explore?lang=promql&mode=range&from=now-10m&to=now&query=${encodeURIComponent(query)}`);
  const row = page.getByRole('table', { name: 'Series' }).getByRole('row').filter({ hasText: 'side="lone"' });
  const samples = Number(await row.getByRole('cell').nth(2).innerText());
  expect(samples).toBeGreaterThanOrEqual(1);
  expect(samples).toBeLessThanOrEqual(2);
  const dots = page.getByTestId('timeseries-chart').locator('circle.lone-sample');
  await expect(dots).toHaveCount(samples);
  await expect(dots.first()).toBeVisible();
});

test('a day of a continuous series in explore is one unbroken line: the chart reads the step the server queried at', async ({ page }) => {
  // Over 24 hours the server steps every 346 s; a chart that assumed another step saw gaps between all samples.
  await new SignInPage(page).signInAs('developer', `/explore?lang=promql&mode=range&from=now-24h&to=now&query=${encodeURIComponent('vector(1)')}`);
  const chart = page.getByTestId('timeseries-chart');
  const line = chart.locator('path.recharts-line-curve');
  await expect(line).toHaveCount(1);
  const d = (await line.getAttribute('d')) ?? '';
  expect(d.match(/M/g)).toHaveLength(1);
  expect(d.match(/L/g)?.length).toBeGreaterThan(200);
  await expect(chart.locator('circle.lone-sample')).toHaveCount(0);
});

test('a query over too many series shows the first 1,000, draws 20 until asked for all, and says so', async ({ page }) => {
  // count_values makes one series per distinct value: five values at each of the ~250 steps of a day.
  const terms = [0, 0.2, 0.4, 0.6, 0.8].map((d, k) => `label_replace(vector(time() + ${d}), "k", "${k}", "", "")`);
  const query = `count_values("t", ${terms.join(' or ')})`;
  await new SignInPage(page).signInAs('developer', `/explore?lang=promql&mode=range&from=now-24h&to=now&query=${encodeURIComponent(query)}`);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(/The query returned 1,2\d\d series; showing the first 1,000\. Narrow the query with label matchers/);
  await expect(page.getByRole('table', { name: 'Series' }).getByRole('row')).toHaveCount(1_001); // header + 1,000
  const chart = page.getByTestId('timeseries-chart');
  // Each series holds one sample, drawn as a dot.
  await expect(chart.locator('circle.lone-sample')).toHaveCount(20);
  await expect(page.getByText('Drawing the first 20 of 1,000 series; the table lists them all.')).toBeVisible();
  await page.getByRole('button', { name: 'Draw all 1,000' }).click();
  await expect(chart.locator('circle.lone-sample')).toHaveCount(1_000, { timeout: 30_000 });
  await expect(page.getByText(/Drawing the first/)).toHaveCount(0);
});

// The server-rendered box is typed in before React hydrates it: an empty one, and one the server
// filled from the URL (React resets such a text area to its text on hydration; the page puts the typing back).
for (const c of [
  { box: 'an empty query box', rendered: '', side: 'typed-early' },
  { box: 'a query box the server filled in', rendered: 'label_replace(vector(3), "side", "from-url", "", "")', side: 'typed-over' },
]) {
  test(`a query typed into ${c.box} before the page is interactive is kept, and Run runs it`, async ({ page }) => {
    await new SignInPage(page).signInAs('developer');
    const release = await holdScripts(page);
    await page.goto(`/explore?lang=promql&mode=range&from=now-10m&to=now${c.rendered ? `&query=${encodeURIComponent(c.rendered)}` : ''}`, { waitUntil: 'commit' });
    const box = page.getByRole('textbox', { name: 'PromQL' });
    await expect(box).toHaveValue(c.rendered);
    const query = `label_replace(vector(1), "side", "${c.side}", "", "")`;
    await box.fill(query);
    release();
    await waitForHydration(page);
    await expect(box).toHaveValue(query);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('table', { name: 'Series' }).getByRole('row').filter({ hasText: `side="${c.side}"` })).toHaveCount(1);
    expect(new URL(page.url()).searchParams.get('query')).toBe(query);
  });
}

test('Run before the page is interactive is a plain GET with the query and the page\'s parameters, and the query runs', async ({ page }) => {
  await new SignInPage(page).signInAs('developer');
  const release = await holdScripts(page);
  await page.goto('/explore?lang=promql&mode=instant&from=now-10m&to=now', { waitUntil: 'commit' });
  const query = 'label_replace(vector(2), "side", "sent-early", "", "")';
  await page.getByRole('textbox', { name: 'PromQL' }).fill(query);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page).toHaveURL(/sent-early/);
  const sent = new URL(page.url()).searchParams;
  expect([sent.get('query'), sent.get('lang'), sent.get('mode'), sent.get('from'), sent.get('to')]).toEqual([query, 'promql', 'instant', 'now-10m', 'now']);
  release();
  await expect(page.getByRole('table', { name: 'Series' }).getByRole('row').filter({ hasText: 'side="sent-early"' })).toHaveCount(1);
});

test('a PromQL query that finds nothing because of a mistyped metric name names it and suggests the nearest one', async ({ page }) => {
  await new SignInPage(page).signInAs('developer', '/explore?lang=promql&mode=range&from=now-10m&to=now');
  const box = page.getByRole('textbox', { name: 'PromQL' });
  // Prometheus' own prometheus_http_requests_total, without its "s".
  await box.fill('sum(rate(prometheus_http_request_total[1m]))');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText('The query returned no series.')).toBeVisible();
  const hint = page.getByTestId('unknown-metric');
  await expect(hint).toHaveText('Prometheus has no metric prometheus_http_request_total in this range; did you mean prometheus_http_requests_total?');

  // A known metric whose labels match nothing: empty, with no hint to give.
  await box.fill('prometheus_http_requests_total{handler="/no-such-handler"}');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page).toHaveURL(/no-such-handler/);
  await expect(page.getByText('The query returned no series.')).toBeVisible();
  await expect(hint).toHaveCount(0);
});
