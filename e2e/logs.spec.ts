import { expect, test } from '@playwright/test';
import { LogsPage } from './pages/logs-page';
import { SignInPage } from './pages/sign-in-page';
import { pushLogs, pushUniqueTrace, uniqueSuffix } from './support/push-telemetry';

test('the logs explorer finds pushed lines by label and a trace link opens that trace', async ({ page }) => {
  const suffix = uniqueSuffix();
  const trace = await pushUniqueTrace(suffix, 20);
  const service = `payment-${suffix}`;
  await pushLogs(service, [
    { body: `charge accepted ${suffix}`, level: 'INFO' },
    { body: `charge declined by the bank ${suffix}`, level: 'ERROR', traceId: trace.traceId, spanId: trace.spans[0]!.spanId },
  ]);

  await new SignInPage(page).signInAs('operator', '/logs');
  const logs = new LogsPage(page);
  await logs.pickLabel('service_name', service);
  await expect(page.getByRole('textbox', { name: 'LogQL' })).toHaveValue(`{service_name="${service}"}`);
  await page.getByRole('button', { name: 'Run' }).click();

  await expect(logs.lines()).toHaveCount(2);
  const failed = logs.line('charge declined');
  await expect(failed).toHaveAttribute('data-level', 'error');
  await expect(page.getByTestId('log-volume')).toHaveAttribute('aria-label', /2 lines/);

  await failed.getByRole('button', { name: 'Expand line' }).click();
  await expect(failed.getByRole('definition').filter({ hasText: trace.traceId })).toBeVisible();

  await failed.getByRole('link', { name: `Open trace ${trace.traceId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${trace.traceId}`));
  await expect(page.getByRole('tree', { name: 'Spans of the trace' }).getByRole('treeitem').first()).toBeVisible();
});

test('bad LogQL shows Loki\'s parse error at the input; a trace id inside a line is a link', async ({ page }) => {
  const suffix = uniqueSuffix();
  const trace = await pushUniqueTrace(suffix, 10);
  const service = `cart-${suffix}`;
  await pushLogs(service, [{ body: `retrying order trace_id=${trace.traceId} attempt=2`, level: 'WARN' }]);

  await new SignInPage(page).signInAs('operator', '/logs');
  const logs = new LogsPage(page);
  await logs.run(`{service_name="${service}"`);
  await expect(logs.queryError()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'LogQL' })).toHaveAttribute('aria-invalid', 'true');

  await logs.run(`{service_name="${service}"} |= "retrying"`);
  await expect(logs.queryError()).toHaveCount(0);
  const line = logs.line('retrying order');
  await expect(line).toHaveAttribute('data-level', 'warn');
  await line.getByRole('link', { name: trace.traceId, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${trace.traceId}`));
});

test('a query that finds nothing because no stream has its label says so and lists the labels there are', async ({ page }) => {
  const suffix = uniqueSuffix();
  const service = `inventory-${suffix}`;
  await pushLogs(service, [{ body: `stock low ${suffix}`, level: 'WARN' }]);

  await new SignInPage(page).signInAs('operator', '/logs');
  const logs = new LogsPage(page);
  // Streams carry service_name; `service` is a common slip.
  await logs.run(`{service="${service}"}`);
  await expect(page.getByText('No log lines match in this time range.')).toBeVisible();
  const hint = page.getByTestId('missing-labels');
  await expect(hint).toContainText('No stream in this range has the label service.');
  await expect(hint).toContainText('service_name');

  await logs.run(`{service_name="${service}"}`);
  await expect(logs.line('stock low')).toHaveCount(1);
  await expect(hint).toHaveCount(0);

  // A label that exists, with a value that matches nothing: no hint to give.
  await logs.run(`{service_name="${service}-gone"}`);
  await expect(page.getByText('No log lines match in this time range.')).toBeVisible();
  await expect(hint).toHaveCount(0);
});
