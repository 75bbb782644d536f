import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../scripts/backends/ports';
import { appServerCommand } from '../scripts/lib/app-server';
import { SignInPage } from './pages/sign-in-page';
import { pushUniqueTrace, uniqueSuffix } from './support/push-telemetry';

/**
 * A second Sightline on the test run's backends and database, reading at most 20,000 bytes of any
 * backend answer (DATASOURCE_MAX_RESPONSE_BYTES): what a user sees when a query or a trace is too
 * large, and that nothing else breaks.
 */
const LIMIT = 20_000;
let app: ChildProcess | undefined;
let base = '';

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const server = appServerCommand(process.cwd(), port);
  app = spawn(server.command, server.args, { env: { ...process.env, NEXTAUTH_URL: base, PUBLIC_URL: base, DATASOURCE_MAX_RESPONSE_BYTES: String(LIMIT) }, stdio: 'ignore' });
  const until = Date.now() + 60_000;
  while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > until || app.exitCode !== null) throw new Error(`the second app did not start on ${base}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
test.afterAll(() => void app?.kill('SIGTERM'));

async function signedIn(browser: Browser, callbackUrl: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await new SignInPage(page).signInAs('developer', callbackUrl);
  return page;
}

test('a PromQL query whose answer is too large says so at the query box, and the next query runs', async ({ browser }) => {
  // ~1,250 series of one sample each: about 100 KB of JSON from Prometheus.
  const terms = [0, 0.2, 0.4, 0.6, 0.8].map((d, k) => `label_replace(vector(time() + ${d}), "k", "${k}", "", "")`);
  const big = `count_values("t", ${terms.join(' or ')})`;
  const page = await signedIn(browser, `/explore?lang=promql&mode=range&from=now-24h&to=now&query=${encodeURIComponent(big)}`);
  await expect(page.getByText(`Prometheus's answer is larger than 20,000 bytes (DATASOURCE_MAX_RESPONSE_BYTES); ask for less: fewer series`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Series' })).toHaveCount(0);
  // A refused answer is not Prometheus failing: its breaker stays closed and a small query answers.
  const ready = (await (await page.request.get('/api/ready')).json()) as { datasources: { name: string; breaker: string }[] };
  expect(ready.datasources.find((d) => d.name === 'prometheus')?.breaker).toBe('closed');
  const box = page.getByRole('textbox', { name: 'PromQL' });
  await box.fill('vector(1)');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('table', { name: 'Series' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByText(/answer is larger than/)).toHaveCount(0);
});

test('a trace too large to read is named as such on its page, not as Jaeger being down', async ({ browser }) => {
  const trace = await pushUniqueTrace(uniqueSuffix(), 400);
  const page = await signedIn(browser, `/traces/${trace.traceId}`);
  const problem = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Trace too large to show' }) });
  await expect(problem).toContainText("Jaeger's answer is larger than 20,000 bytes (DATASOURCE_MAX_RESPONSE_BYTES)");
  await expect(page.getByRole('heading', { name: 'Jaeger is unavailable' })).toHaveCount(0);
});
