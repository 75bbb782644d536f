import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningBackends } from '../backends/index';
import { SHOP_SERVICES } from './shop/lib/config';
import type { Shop } from './shop/start-shop';
import { backfillHistory, type BackfillResult } from './history';
import { COMPRESSED_TIMELINE, runScenario, type DeploymentEvent, type ScenarioPhase } from './scenario';
import { pollUntil, startDemoStack, toInstances, type DemoStack } from './stack';

// The demo end to end on real processes: history backfill, backends on free ports, the seven shop
// services and traffic; then exemplar -> trace -> logs, 29-day-old metrics, and the incident scenario.

const RULES = path.join(import.meta.dirname, '__fixtures__', 'payment-burn-rate-compressed.yml');
const ALERT = 'DemoPaymentAvailabilityFastBurn';
let dataDir = '';
let backends: RunningBackends | undefined;
let shop: Shop | undefined;
let stack: DemoStack | undefined;
let history: BackfillResult;

const PromVector = z.object({ status: z.literal('success'), data: z.object({ result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }) });
const PromExemplars = z.object({ data: z.array(z.object({ seriesLabels: z.record(z.string(), z.string()), exemplars: z.array(z.object({ labels: z.record(z.string(), z.string()), timestamp: z.number() })) })) });
const JaegerTrace = z.object({ data: z.array(z.object({ traceID: z.string(), spans: z.array(z.object({ spanID: z.string(), processID: z.string(), references: z.array(z.object({ spanID: z.string() })), tags: z.array(z.object({ key: z.string(), value: z.unknown() })) })), processes: z.record(z.string(), z.object({ serviceName: z.string() })) })) });
const LokiStreams = z.object({ data: z.object({ result: z.array(z.object({ stream: z.record(z.string(), z.string()), values: z.array(z.tuple([z.string(), z.string()]).rest(z.unknown())) })) }) });
const AmAlerts = z.array(z.object({ labels: z.record(z.string(), z.string()), status: z.object({ state: z.string() }) }));

async function getJson<T>(url: string, schema: z.ZodType<T>, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return schema.parse(await res.json());
}

async function promQuery(query: string, timeSec: number) {
  const { prometheus } = backends!.urls;
  return (await getJson(`${prometheus}/api/v1/query?query=${encodeURIComponent(query)}&time=${timeSec}`, PromVector)).data.result;
}

async function listAmAlerts() {
  return getJson(`${backends!.urls.alertmanager}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${ALERT}"`)}`, AmAlerts);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sightline-demo-test-'));
  stack = await startDemoStack({
    dataDir,
    ruleFiles: [RULES],
    // A 4-minute step keeps the backfill quick (the demo uses 2 minutes) while staying inside
    // Prometheus' 5-minute lookback, so an instant query at any moment finds a sample; free ports
    // make the cache useless here.
    beforeBackends: async (shopPorts) => void (history = await backfillHistory({ tsdbDir: path.join(dataDir, 'prometheus', 'data'), instances: toInstances(shopPorts), stepSeconds: 240, cacheDir: path.join(dataDir, 'history-cache') })),
  });
  backends = stack.backends;
  shop = stack.shop;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('demo shop', () => {
  it('links an exemplar to a trace across at least four services and to that trace\'s logs', async () => {
    const { prometheus, jaeger, loki } = backends!.urls;
    const traceId = await pollUntil('a checkout exemplar', async () => {
      const now = Date.now() / 1000;
      const query = encodeURIComponent('http_server_request_duration_seconds_bucket{job="shop",service="api-gateway",route="/api/checkout",status="201"}');
      const body = await getJson(`${prometheus}/api/v1/query_exemplars?query=${query}&start=${now - 300}&end=${now}`, PromExemplars);
      const ids = body.data.flatMap((s) => s.exemplars.map((e) => e.labels.trace_id)).filter((id): id is string => /^[0-9a-f]{32}$/.test(id ?? ''));
      return ids.at(-1);
    }, 60_000);

    const trace = await pollUntil('the whole trace in Jaeger', async () => {
      const t = (await getJson(`${jaeger}/api/traces/${traceId}`, JaegerTrace)).data[0];
      const services = new Set(Object.values(t?.processes ?? {}).map((p) => p.serviceName));
      return t && services.size === SHOP_SERVICES.length ? { t, services } : undefined;
    }, 30_000);
    // The queue consumer continues the checkout's trace, so the order's trace reaches all seven services.
    expect([...trace.services].sort()).toEqual([...SHOP_SERVICES].sort());
    // Every span but the root has its parent in the trace, and every span carries the correlation id.
    const spanIds = new Set(trace.t.spans.map((s) => s.spanID));
    expect(trace.t.spans.filter((s) => s.references.length === 0)).toHaveLength(1);
    expect(trace.t.spans.every((s) => s.references.every((r) => spanIds.has(r.spanID)))).toBe(true);
    const correlation = new Set(trace.t.spans.map((s) => s.tags.find((tag) => tag.key === 'correlation_id')?.value));
    expect(correlation.size).toBe(1);
    expect([...correlation][0]).toMatch(/^req-/);

    const lines = await pollUntil('the trace\'s log lines in Loki', async () => {
      const now = Date.now() * 1e6;
      const q = encodeURIComponent(`{service_name=~".+"} | trace_id="${traceId}"`);
      const res = await getJson(`${loki}/loki/api/v1/query_range?query=${q}&start=${now - 600e9}&end=${now}&limit=100`, LokiStreams);
      const all = res.data.result.flatMap((s) => s.values.map((v) => ({ service: s.stream.service_name, line: v[1] })));
      return all.some((l) => l.service === 'checkout' && /order .* placed/.test(l.line)) ? all : undefined;
    }, 30_000);
    expect(new Set(lines.map((l) => l.service)).size).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.service === 'payment' && /^charged /.test(l.line))).toBe(true);
  });

  it('answers queries for the shop\'s metrics 29 days ago, with the past payment incident in them', async () => {
    const now = Date.now() / 1000;
    const old = await promQuery('sum by (route) (http_server_requests_total{job="shop",service="api-gateway"})', now - 29 * 86_400);
    expect(old.map((r) => r.metric.route)).toEqual(expect.arrayContaining(['/api/products', '/api/checkout', '/api/orders/:id']));
    const incident = history.incidents.find((i) => i.kind === 'payment-v2')!;
    const mid = (incident.startMs + incident.endMs) / 2000;
    const versions = await promQuery('build_info{job="shop",service="payment"}', mid);
    expect(versions.map((r) => r.metric.version)).toEqual(['v2']);
    const errors = await promQuery('sum(increase(http_server_requests_total{service="payment",status=~"5.."}[30m])) / sum(increase(http_server_requests_total{service="payment"}[30m]))', mid);
    expect(Number(errors[0]?.value[1])).toBeGreaterThan(0.2);
    expect(history.deployments.some((d) => d.service === 'payment' && d.status === 'rolled_back')).toBe(true);
  });

  it('fires the payment burn-rate alert after the v2 deploy and resolves it after the rollback', async () => {
    const phases: ScenarioPhase[] = [];
    const deployments: DeploymentEvent[] = [];
    let firing = false;
    await runScenario({
      timeline: { ...COMPRESSED_TIMELINE, recoveryMs: 0 },
      setPaymentVersion: (v) => shop!.setPaymentVersion(v),
      postDeployment: async (d) => void deployments.push(d),
      onPhase: (p) => phases.push(p),
      endIncidentWhen: async () => (firing = (await listAmAlerts()).some((a) => a.status.state === 'active')),
    });
    expect(phases).toEqual(['steady', 'incident', 'recovery']);
    expect(firing).toBe(true);
    expect(deployments.map((d) => [d.version, d.status])).toEqual([['v2', 'succeeded'], ['v1', 'rolled_back']]);
    const resolved = await pollUntil('the alert to resolve', async () => ((await listAmAlerts()).length === 0 ? true : undefined), 90_000, 2_000);
    expect(resolved).toBe(true);
    const stillFiring = await promQuery(`ALERTS{alertname="${ALERT}",alertstate="firing"}`, Date.now() / 1000);
    expect(stillFiring).toEqual([]);
  }, 240_000);
});
