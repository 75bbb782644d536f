import { expect, test, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { COMPRESSED_TIMELINE, runScenario, type DeploymentEvent } from '../scripts/demo/scenario';
import { AlertsPage } from './pages/alerts-page';
import { SignInPage } from './pages/sign-in-page';

// The operator's night-time path, on the demo shop started by e2e/global-setup.ts: payment v2 is
// deployed (scripts/demo/scenario.ts), the compressed payment burn-rate alert fires
// (scripts/demo/__fixtures__/payment-burn-rate-compressed.yml, loaded by the test runner's
// Prometheus), and from the Alerts page, by clicking only, the operator reaches the failing
// payment's trace and its logs.

const ALERT = 'DemoPaymentAvailabilityFastBurn';
const RULE_FILE = 'scripts/demo/__fixtures__/payment-burn-rate-compressed.yml';
const PROMETHEUS_URL = process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090';

interface PromAlertsBody {
  data: { alerts: { labels: Record<string, string>; state: string }[] };
}
interface PromRulesBody {
  data: { groups: { rules: { name: string }[] }[] };
}
interface PromVectorBody {
  data: { result: { metric: Record<string, string> }[] };
}

async function promGet<T>(path: string): Promise<T> {
  const res = await fetch(`${PROMETHEUS_URL}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`Prometheus ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The payment service's address, as Prometheus scrapes it (the shop runs on free ports). */
async function findPaymentUrl(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const body = await promGet<PromVectorBody>(`/api/v1/query?query=${encodeURIComponent('build_info{job="shop",service="payment"}')}`);
    const instance = body.data.result[0]?.metric.instance;
    if (instance) return `http://${instance}`;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error('the demo shop is not scraped by the e2e Prometheus (build_info{service="payment"} is absent); e2e/global-setup.ts must start it');
}

async function setPaymentVersion(paymentUrl: string, version: 'v1' | 'v2') {
  const res = await fetch(`${paymentUrl}/admin/version`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }), signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`payment refused version ${version}: HTTP ${res.status}`);
}

async function isFiring(): Promise<boolean> {
  const body = await promGet<PromAlertsBody>('/api/v1/alerts');
  return body.data.alerts.some((a) => a.labels.alertname === ALERT && a.state === 'firing');
}

/** Pending or firing: false once the alert has resolved. */
async function isActive(): Promise<boolean> {
  const body = await promGet<PromAlertsBody>('/api/v1/alerts');
  return body.data.alerts.some((a) => a.labels.alertname === ALERT);
}

const deployToken = () =>
  execFileSync('npm', ['run', '-s', 'token', '--', 'create', '--name', 'e2e-drilldown-cd', '--role', 'viewer', '--scopes', 'deploy'], { encoding: 'utf8', env: process.env }).trim().split('\n').at(-1) ?? '';

async function postDeployment(request: APIRequestContext, token: string, d: DeploymentEvent) {
  const res = await request.post('/api/deployments', { headers: { authorization: `Bearer ${token}` }, data: d });
  if (res.status() >= 300) throw new Error(`deployment ${d.id}: HTTP ${res.status()} ${await res.text()}`);
}

const incident = new AbortController();
let scenario: Promise<void> | undefined;

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(300_000);
  const rules = await promGet<PromRulesBody>('/api/v1/rules?type=alert');
  if (!rules.data.groups.some((g) => g.rules.some((r) => r.name === ALERT))) {
    throw new Error(`the e2e Prometheus has no rule ${ALERT}: scripts/test/run.ts must pass ${RULE_FILE} in startBackends' ruleFiles`);
  }
  const paymentUrl = await findPaymentUrl();
  const request = await playwright.request.newContext({ baseURL });
  const token = deployToken();
  // The incident stays on (payment v2) until the test ends; the alert must still fire while the operator clicks.
  scenario = runScenario({
    timeline: { ...COMPRESSED_TIMELINE, steadyMs: 5_000, incidentMs: 600_000, recoveryMs: 0 },
    setPaymentVersion: (v) => setPaymentVersion(paymentUrl, v),
    postDeployment: (d) => postDeployment(request, token, d),
    signal: incident.signal,
  });
  const deadline = Date.now() + 240_000;
  while (!(await isFiring())) {
    if (Date.now() > deadline) throw new Error(`${ALERT} did not fire within 240 s of the payment v2 deployment`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
});

test.afterAll(async () => {
  incident.abort(); // rolls payment back to v1
  await scenario;
});

test('Alerts → payment alert → chart with threshold and deployment → exemplar → trace with the slow payment span → its logs → back to the resolved alert', async ({ page }) => {
  test.setTimeout(300_000);
  const alerts = new AlertsPage(page);
  await new SignInPage(page).signInAs('operator', '/dashboards');
  await test.step('open the alert from the Alerts page', async () => {
    await alerts.openFromNav();
    await alerts.alertLink('payment', ALERT).click();
  });
  await test.step('the alert page: chart, threshold, deployment', async () => {
    await expect(page.getByRole('heading', { name: new RegExp(ALERT) })).toBeVisible();
    await expect(page.getByTestId('alert-state')).toHaveText('firing');
    await expect(page.getByTestId('threshold')).toContainText('Threshold 7.2%');
    await expect(alerts.chart()).toBeVisible();
    await expect(alerts.thresholdLine()).toContainText('7.2%');
    // The deployment that caused it: payment v2, drawn as a vertical line on the chart.
    await expect(page.getByTestId('deployment-item').filter({ hasText: /payment v2 \(/ })).toBeVisible();
    // Focus opens the details like hover does; exemplar points may sit on top of the marker.
    await alerts.deploymentMarker('payment').first().focus();
    await expect(page.getByTestId('deployment-details')).toContainText('Deployed payment v2');
    // Close it again: it covers the newest exemplars at the top of the chart.
    await page.getByRole('button', { name: 'Close deployment details' }).click();
    await expect(page.getByTestId('deployment-details')).toHaveCount(0);
  });
  await test.step('an error exemplar opens its trace', async () => {
    await expect(alerts.badExemplars().first()).toBeAttached({ timeout: 60_000 });
    // The newest error exemplar is drawn last, on top of the others.
    await alerts.badExemplars().last().click();
    await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}\?.*alert=/);
  });
  await test.step('the waterfall: the slow payment span on the critical path, and its logs', async () => {
    const paymentSpan = alerts.spanRow('payment', 'POST /payments');
    await expect(paymentSpan).toBeVisible({ timeout: 30_000 });
    await expect(paymentSpan).toHaveAccessibleName(/error, on the critical path$/);
    // Slow: v2 waits on the provider for about two seconds before it gives up.
    await expect(paymentSpan).toHaveAccessibleName(/, [12](\.\d+)? ?s, /);
    await paymentSpan.click();
    await expect(alerts.traceLogLines().filter({ hasText: 'payment declined by provider' }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: '← Back to alert' })).toBeVisible();
  });
  await test.step('once the alert has resolved, the way back still opens it, charted around when it was active', async () => {
    incident.abort(); // payment back to v1: the 15 s window clears and the alert resolves
    await expect.poll(isActive, { timeout: 120_000, intervals: [2_000] }).toBe(false);
    await page.getByRole('link', { name: '← Back to alert' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(ALERT) })).toBeVisible({ timeout: 30_000 });
    // A fresh load: the page's earlier answer (firing) may be shown from the client's cache until it refetches.
    await page.reload();
    await expect(page.getByTestId('alert-state')).toHaveText('inactive', { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'showing its rule around when it was last active' })).toBeVisible();
    await expect(alerts.chart()).toBeVisible();
  });
});
