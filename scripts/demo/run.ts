// `npm run demo [-- --reset] [-- --compressed] [-- --no-sightline]`: real backends, 30 days of history,
// the demo shop with traffic and its incident scenario, and Sightline on http://127.0.0.1:3000.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startBackends, wipeDataDir, type RunningBackends } from '../backends/index';
import { backfillHistory } from './history';
import { pushRecentTelemetry } from './history/recent-telemetry';
import type { PastDeployment } from './history/model';
import { COMPRESSED_TIMELINE, FULL_TIMELINE, runScenario } from './scenario';
import { createDeploymentPoster, startSightline, type SightlineApp } from './sightline';
import { startDemoShop, toInstances } from './stack';
import { startTraffic, type Traffic } from './traffic';
import type { Shop } from './shop/start-shop';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DATA_DIR = path.join(ROOT, '.data', 'demo');
const HISTORY_FILE = path.join(DATA_DIR, 'history.json');
const HistoryFileSchema = z.object({ createdAt: z.string(), deployments: z.array(z.custom<PastDeployment>((v) => typeof v === 'object' && v !== null)), posted: z.boolean().default(false) });

/** Backends the user already runs (the app's own *_URL variables): used instead of starting ours. */
const EXTERNAL_VARS = { prometheus: 'PROMETHEUS_URL', alertmanager: 'ALERTMANAGER_URL', jaeger: 'JAEGER_URL', loki: 'LOKI_URL' } as const;
const external = Object.fromEntries(
  Object.entries(EXTERNAL_VARS).flatMap(([name, variable]) => (process.env[variable] ? [[name, process.env[variable]]] : [])),
) as Partial<Record<keyof typeof EXTERNAL_VARS, string>>;

const { values: args } = parseArgs({ options: { reset: { type: 'boolean', default: false }, compressed: { type: 'boolean', default: false }, 'no-sightline': { type: 'boolean', default: false } } });
const t0 = Date.now();
const say = (line: string) => process.stdout.write(`[demo +${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${line}\n`);

let backends: RunningBackends | undefined;
let shop: Shop | undefined;
let traffic: Traffic | undefined;
let app: SightlineApp | undefined;
const scenarioAbort = new AbortController();
let scenarioDone: Promise<void> = Promise.resolve();
let stopping: Promise<void> | undefined;

/** Stops everything in reverse order of start; safe to call twice. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    say('stopping: scenario, traffic, Sightline, shop, backends');
    scenarioAbort.abort();
    await traffic?.stop();
    await scenarioDone.catch(() => undefined);
    await app?.stop();
    await shop?.stop();
    await backends?.stop();
    say('stopped cleanly');
  })();
  return stopping;
}

async function main() {
  process.on('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));
  if (args.reset) {
    say(`--reset: wiping ${DATA_DIR}`);
    wipeDataDir(DATA_DIR);
  }

  for (const [name, url] of Object.entries(external)) say(`using your ${name} at ${url} (${EXTERNAL_VARS[name as keyof typeof EXTERNAL_VARS]} is set) instead of starting one`);
  if (external.prometheus) say('an external Prometheus gets no demo history and does not scrape the demo shop unless you add its targets');
  const firstStart = !existsSync(HISTORY_FILE);
  if (firstStart && !external.prometheus) {
    say('first start: backfilling 30 days of shop metrics into Prometheus (promtool; ~20-60 s, cached for the rest of the day)');
    const result = await backfillHistory({ tsdbDir: path.join(DATA_DIR, 'prometheus', 'data'), instances: toInstances(), log: say });
    writeFileSync(HISTORY_FILE, JSON.stringify({ createdAt: new Date().toISOString(), deployments: result.deployments, posted: false }, null, 2));
  } else if (firstStart) {
    writeFileSync(HISTORY_FILE, JSON.stringify({ createdAt: new Date().toISOString(), deployments: [], posted: true }, null, 2));
  }

  const binDir = path.join(process.env.SIGHTLINE_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'sightline'), 'bin');
  const built = existsSync(binDir) ? readdirSync(binDir) : [];
  const toBuild = (['jaeger', 'loki'] as const).filter((name) => !external[name] && !built.some((f) => f.startsWith(`${name}-`)));
  say(`starting backends: Prometheus, Alertmanager, Jaeger, Loki${toBuild.length ? ` (building ${toBuild.join(' and ')} from source first: first run only, ~5-10 min on 2 cores)` : ''}`);
  backends = await startBackends({ dataDir: DATA_DIR, only: ['prometheus', 'alertmanager', 'jaeger', 'loki'], external, log: (line) => say(`backends: ${line}`) });

  if (firstStart && !external.jaeger && !external.loki) {
    // Before the shop starts, so that each log stream is written in time order.
    const traces = await pushRecentTelemetry({ tracesUrl: `${backends.urls.jaegerOtlpHttp}/v1/traces`, logsUrl: `${backends.urls.lokiOtlp}/v1/logs`, hours: 3 });
    say(`history: ${traces} traces and their logs for the last 3 hours written to Jaeger and Loki`);
  }

  say('starting the demo shop (7 services on 127.0.0.1:8080-8086)');
  shop = await startDemoShop({ backends, log: say });
  traffic = startTraffic({ webUrl: shop.urls['web-frontend'], apiUrl: shop.urls['api-gateway'], journeysPerSecond: 4, log: say });
  say('shop ready; traffic running');

  let post: ReturnType<typeof createDeploymentPoster> = async () => undefined;
  if (!args['no-sightline']) {
    app = await startSightline({ backends, log: say });
    post = createDeploymentPoster({ url: app.url, token: app.deployToken, log: say });
    const history = HistoryFileSchema.parse(JSON.parse(readFileSync(HISTORY_FILE, 'utf8')));
    if (!history.posted && app.deployToken) {
      for (const d of history.deployments) await post(d);
      writeFileSync(HISTORY_FILE, JSON.stringify({ ...history, posted: true }, null, 2));
    }
  }

  const timeline = args.compressed ? COMPRESSED_TIMELINE : FULL_TIMELINE;
  const setPaymentVersion = (v: 'v1' | 'v2') => shop!.setPaymentVersion(v);
  scenarioDone = (async () => {
    while (!scenarioAbort.signal.aborted) {
      await runScenario({ timeline, setPaymentVersion, postDeployment: post, signal: scenarioAbort.signal, log: say });
    }
  })();

  const u = backends.urls;
  const lines = [
    '',
    `Ready in ${((Date.now() - t0) / 1000).toFixed(0)} s.`,
    app ? `Sightline:   ${app.url}` : 'Sightline:   not started (--no-sightline)',
    ...(app?.logins ?? []).map((l) => `  ${l}`),
    '',
    'Worth clicking:',
    `  1. SLOs (${app?.url ?? ''}/slos): 30 days of error budget, with the payment incident 9 days ago`,
    `  2. Alerts (${app?.url ?? ''}/alerts): payment v2 goes out ${Math.round(timeline.steadyMs / 60_000)} min after start and the burn-rate alert fires ~15 min later; follow it to the chart, an exemplar trace and its logs`,
    `  3. Public API dashboard (${app?.url ?? ''}/d/public-api): deployments as vertical lines; click an exemplar for its trace and logs`,
    '',
    `Backends: Prometheus ${u.prometheus}  Alertmanager ${u.alertmanager}  Jaeger ${u.jaeger}  Loki ${u.loki}`,
    `Logs: ${backends.logDir}`,
    'Ctrl-C stops everything.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await scenarioDone;
}

main().catch(async (err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  await stopAll();
  process.exit(1);
});
