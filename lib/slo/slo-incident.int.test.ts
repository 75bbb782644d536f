import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPrometheusClient } from '@/lib/datasources/prometheus/client';
import { asUnixMs, type Deployment } from '@/lib/datasources/types';
import { testHttpClient } from '@/lib/testing/test-http';
import { freePort, startBackends, type RunningBackends } from '@/scripts/backends/index';
import { runScenario, type DeploymentEvent } from '@/scripts/demo/scenario';
import { SHOP_SERVICES, type ShopService } from '@/scripts/demo/shop/lib/config';
import type { Shop } from '@/scripts/demo/shop/start-shop';
import { pollUntil, startDemoShop } from '@/scripts/demo/stack';
import { startTraffic, type Traffic } from '@/scripts/demo/traffic';
import { buildSloDetail, createSloBffDeps, type SloBffDeps } from './bff';
import { buildSloRules, renderRuleFile, resolveRuleWindows, toAlertName } from './rules';
import { SloSchema, type Slo } from './schema';
import { computeSloStatus } from './status';

// The "Done when" on the demo stack, on a timeline compressed 30×: rules generated with
// --time-scale 30 (1h → 2m, 5m → 10s) and the SLO window scaled the same way (30 d → 1 d). The
// payment SLO's fast-burn alert must fire during the bad deploy and clear after the rollback, and
// the budget the SLO page says that incident spent must match a hand-written PromQL figure.

const TIME_SCALE = 30;
const PAYMENTS = 'http_server_requests_total{service="payment",route="/payments",method="POST"';
const PromVector = z.object({ data: z.object({ result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }) });

const definition = SloSchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../dashboards/slos/payment-availability.json'), 'utf8')));
const scaledWindows = resolveRuleWindows(definition, TIME_SCALE);
/**
 * The payment SLO as the compressed rules see it: 1-day window, alert windows divided by 30 with
 * the 30-day factors. The schema allows only 7, 28 or 30 days, hence the cast; every consumer
 * only multiplies `days` into milliseconds or writes it as a `<n>d` duration, both valid for 1.
 */
const scaledSlo = {
  ...definition,
  window: { type: 'rolling', days: 1 },
  alerting: scaledWindows.map((w) => ({ severity: w.severity, longWindow: w.longWindow, shortWindow: w.shortWindow, burnRate: w.burnRate })),
} as unknown as Slo;
const FAST_ALERT = toAlertName(definition.id, scaledWindows[0]!.longWindow);

let dataDir = '';
let backends: RunningBackends | undefined;
let shop: Shop | undefined;
let traffic: Traffic | undefined;
const deployments: DeploymentEvent[] = [];

async function promQuery(query: string, timeMs: number) {
  const url = `${backends!.urls.prometheus}/api/v1/query?query=${encodeURIComponent(query)}&time=${(timeMs / 1000).toFixed(3)}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${query}: HTTP ${res.status} ${await res.text()}`);
  return PromVector.parse(await res.json()).data.result;
}

const isFiring = async () => (await promQuery(`ALERTS{alertname="${FAST_ALERT}",alertstate="firing"}`, Date.now())).length > 0;

function createDeps(): SloBffDeps {
  const http = testHttpClient('prometheus', backends!.urls.prometheus, { timeoutMs: 15_000, bulkhead: { maxConcurrent: 8, maxQueue: 200, queueTimeoutMs: 30_000 } });
  const toDeployment = (d: DeploymentEvent): Deployment => ({ ...d, commit: d.commit, url: null, description: d.description ?? null, startedAt: asUnixMs(Date.parse(d.startedAt)), finishedAt: null, createdBy: 'test' });
  return createSloBffDeps({ prometheus: createPrometheusClient({ http }), listDeployments: async () => deployments.map(toDeployment).reverse() });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sightline-slo-incident-'));
  const rulesDir = path.join(dataDir, 'rules');
  mkdirSync(rulesDir);
  const ruleFile = path.join(rulesDir, `${definition.id}.yml`);
  writeFileSync(ruleFile, renderRuleFile(buildSloRules(definition, { publicUrl: 'http://127.0.0.1:3000', timeScale: TIME_SCALE }), 'dashboards/slos/payment-availability.json'));
  const shopPorts: Partial<Record<ShopService, number>> = {};
  for (const s of SHOP_SERVICES) shopPorts[s] = await freePort();
  const ports = { prometheus: await freePort(), alertmanager: await freePort(), jaegerQuery: await freePort(), jaegerOtlpHttp: await freePort(), jaegerOtlpGrpc: await freePort(), loki: await freePort(), lokiGrpc: await freePort() };
  backends = await startBackends({
    dataDir: path.join(dataDir, 'backends'),
    fresh: true,
    only: ['prometheus', 'alertmanager', 'jaeger', 'loki'],
    ports,
    scrapeIntervalSeconds: 1,
    evaluationIntervalSeconds: 1,
    ruleFiles: [ruleFile],
    log: () => undefined,
  });
  shop = await startDemoShop({ backends, ports: shopPorts });
  traffic = startTraffic({ webUrl: shop.urls['web-frontend'], apiUrl: shop.urls['api-gateway'], journeysPerSecond: 6, checkoutShare: 0.4 });
  // Payments must be flowing, and the compressed rules loaded, before the scenario starts.
  await pollUntil('payment traffic in Prometheus', async () => ((await promQuery(`sum(increase(${PAYMENTS}}[30s]))`, Date.now()))[0] ? true : undefined), 60_000);
}, 180_000);

afterAll(async () => {
  await traffic?.stop();
  await shop?.stop();
  await backends?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('payment SLO incident on the compressed demo timeline', () => {
  it('fires the fast-burn alert during the bad deploy, clears it after the rollback, and costs the incident like raw PromQL does', async () => {
    const deps = createDeps();
    let firstFiringAt: number | null = null;
    let statusWhileFiring: Awaited<ReturnType<typeof computeSloStatus>> | null = null;
    await runScenario({
      timeline: { steadyMs: 15_000, incidentMs: 100_000, recoveryMs: 0 },
      setPaymentVersion: (v) => shop!.setPaymentVersion(v),
      postDeployment: async (d) => void deployments.push(d),
      // The on-call engineer rolls back 20 s after the page.
      endIncidentWhen: async () => {
        if (firstFiringAt === null && (await isFiring())) firstFiringAt = Date.now();
        if (firstFiringAt === null || Date.now() - firstFiringAt < 20_000) return false;
        statusWhileFiring = await computeSloStatus(scaledSlo, deps, Date.now());
        return true;
      },
    });
    expect(firstFiringAt, `${FAST_ALERT} never fired during the incident`).not.toBeNull();
    const [deploy, rollback] = deployments;
    expect([deploy?.version, rollback?.status]).toEqual(['v2', 'rolled_back']);

    // Just before the rollback the page's status agreed: read from the loaded recording rules,
    // the fast-burn long window above its 14.4× threshold (the 10 s window is too jumpy to assert).
    const fast = statusWhileFiring!.burnRates[0]!;
    expect(statusWhileFiring!.source).toBe('recording_rules');
    expect(fast.longWindow).toBe(scaledWindows[0]!.longWindow);
    expect(fast.longBurnRate!).toBeGreaterThan(fast.threshold);
    expect(fast.threshold).toBe(14.4);

    // Cleared for good: not firing over three evaluations in a row. With compressed windows a
    // single stray error can re-fire the 10 s short window while the long window still decays.
    const stablyClear = async () => {
      for (let i = 0; i < 3; i++) {
        if (await isFiring()) return undefined;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      return true;
    };
    await pollUntil('the fast-burn alert to clear for good after the rollback', stablyClear, 90_000, 1_000);
    expect(await isFiring()).toBe(false);

    const now = Date.now();
    const detail = await buildSloDetail(scaledSlo, deps, now, { deploymentImpactMs: 3_600_000 / TIME_SCALE });
    const incident = detail.incidents.find((i) => i.windows.includes(scaledWindows[0]!.longWindow));
    expect(incident, JSON.stringify(detail.incidents)).toBeDefined();
    // The incident is every overlapping burn-rate alert of the SLO; the slower ones (12m/1m and
    // the 2h24m/12m ticket) may still fire, so it can still be open. It began after the bad deploy.
    expect(incident!.startMs).toBeGreaterThan(Date.parse(deploy!.startedAt));
    expect(incident!.endMs).toBeGreaterThan(Date.parse(rollback!.startedAt) - 5_000);

    // The same figure from raw series by hand: 5xx payments during the alert period over the
    // budget (0.5%) of all payments in the 1-day window ending now.
    const seconds = Math.max(1, Math.round((incident!.endMs - incident!.startMs) / 1000));
    const raw = await promQuery(
      `sum(increase(${PAYMENTS},status=~"5.."}[${seconds}s] @ ${(incident!.endMs / 1000).toFixed(3)})) / (0.005 * sum(increase(${PAYMENTS}}[1d])))`,
      now,
    );
    const rawSpent = Number(raw[0]?.value[1]);
    expect(rawSpent).toBeGreaterThan(0);
    expect(incident!.budgetSpent).not.toBeNull();
    expect(Math.abs(incident!.budgetSpent! - rawSpent)).toBeLessThanOrEqual(0.005);

    // The bad deploy spent budget in the (scaled) hour after it; the page lists it.
    const v2 = detail.deployments.find((d) => d.version === 'v2');
    expect(v2?.budgetSpent ?? 0).toBeGreaterThan(0);
  }, 200_000);
});
