import { expect, test } from '@playwright/test';
import type { LogEntry } from '../lib/datasources/types';
import { SignInPage } from './pages/sign-in-page';
import { uniqueSuffix } from './support/push-telemetry';

/**
 * Sightline watches itself: the test command runs the app with its traces going to the test Jaeger
 * and its logs to the test Loki (as the demo does), so one of its own requests can be followed in
 * Sightline from its log line to its trace, and from the trace back to the line.
 */
test('one of Sightline’s own requests shows up in Sightline: its log line in Loki carries its trace, whose page shows the line', async ({ page }) => {
  test.slow();
  await new SignInPage(page).signInAs('operator');
  const requestId = `self-${uniqueSuffix()}`;
  // A panel reads Prometheus, so its trace has an upstream span under Sightline's own.
  const answer = await page.request.get('/api/dashboards/public-api/panels/total-rate?from=now-17m&to=now', { headers: { 'x-request-id': requestId } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['x-request-id']).toBe(requestId);

  const query = `{service_name="sightline"} | requestId="${requestId}"`;
  let line: LogEntry | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/logs/query?${new URLSearchParams({ query, start: 'now-15m', end: 'now', limit: '10' })}`);
        if (!res.ok()) return `HTTP ${res.status()}`;
        const body = (await res.json()) as { kind: string; data?: LogEntry[] };
        line = body.data?.find((e) => e.line === 'request');
        return line ? 'found' : 'not yet';
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe('found');
  expect(line?.fields.route).toBe('dashboards.panel');
  expect(line?.fields.status).toBe('200');
  const traceId = line?.traceId ?? '';
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  // The trace, as Jaeger has it: Sightline's request and its call to Prometheus.
  await expect
    .poll(async () => (await page.request.get(`/api/traces/${traceId}`)).status(), { timeout: 30_000, intervals: [1_000] })
    .toBe(200);
  await page.goto(`/traces/${traceId}`);
  const spans = page.getByRole('tree', { name: 'Spans of the trace' });
  const root = spans.getByRole('treeitem', { name: /^sightline / }).first();
  await expect(root).toBeVisible({ timeout: 30_000 });
  await expect(spans.getByRole('treeitem', { name: /^sightline prometheus GET \/api\/v1\/query_range,/ }).first()).toBeVisible();
  // And the trace's logs hold the request's line.
  await root.click();
  await expect(page.getByRole('list', { name: 'Log lines of the trace' }).getByRole('listitem').filter({ hasText: 'request' }).first()).toBeVisible({ timeout: 30_000 });
});

test('a page request in Sightline’s own traces is named by its page, not its path', async ({ page }) => {
  test.slow();
  await new SignInPage(page).signInAs('operator');
  // The request joins a trace of the test's own (W3C trace context), so the test knows which one to read.
  const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const answer = await page.request.get('/d/public-api', { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  expect(answer.status()).toBe(200);
  await expect
    .poll(async () => (await page.request.get(`/api/traces/${traceId}`)).status(), { timeout: 30_000, intervals: [1_000] })
    .toBe(200);
  await page.goto(`/traces/${traceId}`);
  const spans = page.getByRole('tree', { name: 'Spans of the trace' });
  // The request's own span, the trace's first: the operation trace search lists (Next's spans under it are named by Next).
  await expect(spans.getByRole('treeitem').first()).toHaveAccessibleName(/^sightline GET \/d\/\[slug\],/, { timeout: 30_000 });
});
