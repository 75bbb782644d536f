import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackendStartError, DEFAULT_RULE_FILES, freePort, readState, startBackends, writeScrapeTargets, type RunningBackends } from './index';
import { isPidAlive } from './state';

/** Polls `check` until it returns a value (not undefined) or timeoutMs passes. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

const PromVectorSchema = z.object({ data: z.object({ result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }) });
const PromRulesSchema = z.object({ data: z.object({ groups: z.array(z.object({ name: z.string(), file: z.string() })) }) });
const AmAlertsSchema = z.array(z.object({ labels: z.record(z.string(), z.string()), status: z.object({ state: z.string() }) }));
const AmGroupsSchema = z.array(z.object({ labels: z.record(z.string(), z.string()), alerts: z.array(z.unknown()) }));
const JaegerTracesSchema = z.object({
  data: z.array(z.object({
    spans: z.array(z.object({ operationName: z.string(), processID: z.string(), tags: z.array(z.object({ key: z.string(), type: z.string(), value: z.unknown() })) })),
    processes: z.record(z.string(), z.object({ serviceName: z.string() })),
  })),
});
const LokiStreamsSchema = z.object({ data: z.object({ result: z.array(z.object({ stream: z.record(z.string(), z.string()), values: z.array(z.tuple([z.string(), z.string()])) })) }) });

async function promQuery(prometheus: string, query: string) {
  return PromVectorSchema.parse(await getJson(`${prometheus}/api/v1/query?query=${encodeURIComponent(query)}`)).data.result;
}

const TEST_RULES = `groups:
  - name: backends-int-test
    interval: 1s
    rules:
      - alert: BackendsWiringTest
        expr: vector(1)
        labels: { severity: ticket, service: backends-test }
`;

let tmp: string;
let backends: RunningBackends;
let metricsServer: http.Server;
let seenAuthorization: string | undefined;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-backends-'));
  // mkdtemp makes 0700; PostgreSQL runs as the postgres user and must traverse into the data dir.
  chmodSync(tmp, 0o711);
  mkdirSync(path.join(tmp, 'rules'));
  writeFileSync(path.join(tmp, 'rules', 'test.yml'), TEST_RULES);
  const ports = {
    prometheus: await freePort(), alertmanager: await freePort(), jaegerQuery: await freePort(), jaegerOtlpHttp: await freePort(),
    jaegerOtlpGrpc: await freePort(), loki: await freePort(), lokiGrpc: await freePort(), postgres: await freePort(),
  };
  backends = await startBackends({
    dataDir: path.join(tmp, 'data'), fresh: true, ports, scrapeIntervalSeconds: 1, evaluationIntervalSeconds: 1,
    ruleFiles: [...DEFAULT_RULE_FILES, path.join(tmp, 'rules', '*.yml')], log: () => undefined,
  });
  // Stands in for a shop service and for Sightline's /api/metrics (which wants a bearer token).
  metricsServer = http.createServer((req, res) => {
    if (req.url === '/api/metrics') {
      seenAuthorization = req.headers.authorization;
      if (req.headers.authorization !== 'Bearer test-metrics-token') return void res.writeHead(401).end();
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('build_info{service="inventory",version="1.2.3",commit="abc"} 1\n');
  });
  await new Promise<void>((resolve) => metricsServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await backends?.stop();
  metricsServer?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('startBackends on free ports with fresh data', () => {
  it('Prometheus scrapes itself and loads the generated rule files plus extra ones', async () => {
    const up = await eventually(async () => (await promQuery(backends.urls.prometheus, 'up{job="prometheus"} == 1'))[0]);
    expect(up.value[1]).toBe('1');
    const files = new Set(PromRulesSchema.parse(await getJson(`${backends.urls.prometheus}/api/v1/rules`)).data.groups.map((g) => g.file));
    const repoRuleDir = path.dirname(DEFAULT_RULE_FILES[0]!);
    const generated = existsSync(repoRuleDir) ? readdirSync(repoRuleDir).filter((f) => f.endsWith('.yml')) : [];
    for (const file of generated) expect(files).toContain(path.join(repoRuleDir, file));
    expect(files).toContain(path.join(tmp, 'rules', 'test.yml'));
  });

  it('Prometheus scrapes file_sd targets: job shop keeps the service label, job sightline sends the bearer token', async () => {
    const address = metricsServer.address();
    const target = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    writeScrapeTargets(backends.dataDir, 'shop', [{ targets: [target] }]);
    writeScrapeTargets(backends.dataDir, 'sightline', [{ targets: [target], bearerToken: 'test-metrics-token' }]);
    const shop = await eventually(async () => (await promQuery(backends.urls.prometheus, 'build_info{job="shop"}'))[0]);
    expect(shop.metric).toMatchObject({ service: 'inventory', version: '1.2.3' });
    const sightline = await eventually(async () => (await promQuery(backends.urls.prometheus, 'up{job="sightline"} == 1'))[0]);
    expect(sightline.metric.instance).toBe(target);
    expect(seenAuthorization).toBe('Bearer test-metrics-token');
  });

  it('Alertmanager stores a pushed alert, groups it by alertname/service/severity, and receives Prometheus alerts', async () => {
    const labels = { alertname: 'BackendsPushTest', service: 'payment', severity: 'page', slo: 'payment-availability' };
    const body = JSON.stringify([{ labels, annotations: { summary: 'pushed by the test' } }]);
    await fetch(`${backends.urls.alertmanager}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => expect(r.status).toBe(200));
    const alerts = AmAlertsSchema.parse(await getJson(`${backends.urls.alertmanager}/api/v2/alerts?filter=${encodeURIComponent('alertname="BackendsPushTest"')}`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ labels, status: { state: 'active' } });
    const groups = AmGroupsSchema.parse(await getJson(`${backends.urls.alertmanager}/api/v2/alerts/groups`));
    expect(groups.map((g) => g.labels)).toContainEqual({ alertname: 'BackendsPushTest', service: 'payment', severity: 'page' });
    const fromPrometheus = await eventually(async () => {
      const found = AmAlertsSchema.parse(await getJson(`${backends.urls.alertmanager}/api/v2/alerts?filter=${encodeURIComponent('alertname="BackendsWiringTest"')}`));
      return found[0];
    });
    expect(fromPrometheus.labels).toMatchObject({ service: 'backends-test', severity: 'ticket' });
  });

  it('Jaeger returns a span sent as OTLP/HTTP JSON by its trace id', async () => {
    const traceId = randomBytes(16).toString('hex');
    const start = BigInt(Date.now()) * 1_000_000n;
    const span = {
      traceId, spanId: randomBytes(8).toString('hex'), name: 'POST /payments', kind: 2,
      startTimeUnixNano: String(start), endTimeUnixNano: String(start + 25_000_000n),
      attributes: [{ key: 'correlation_id', value: { stringValue: 'corr-jaeger-1' } }],
    };
    const otlp = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payment' } }] }, scopeSpans: [{ scope: { name: 'test' }, spans: [span] }] }] };
    const posted = await fetch(`${backends.urls.jaegerOtlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlp) });
    expect(posted.status).toBe(200);
    const trace = await eventually(async () => JaegerTracesSchema.parse(await getJson(`${backends.urls.jaeger}/api/traces/${traceId}`)).data[0]);
    expect(trace.spans).toHaveLength(1);
    const [got] = trace.spans;
    expect(got?.operationName).toBe('POST /payments');
    expect(trace.processes[got!.processID]?.serviceName).toBe('payment');
    expect(got?.tags).toContainEqual({ key: 'correlation_id', type: 'string', value: 'corr-jaeger-1' });
  });

  it('Loki indexes service_name from OTLP and filters by trace_id structured metadata', async () => {
    const traceId = randomBytes(16).toString('hex');
    const record = {
      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n), severityNumber: 17, severityText: 'ERROR',
      body: { stringValue: 'payment declined: card expired' }, traceId, spanId: randomBytes(8).toString('hex'),
      attributes: [{ key: 'correlation_id', value: { stringValue: 'corr-loki-1' } }],
    };
    const otlp = { resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'backends-int-test' } }] }, scopeLogs: [{ scope: { name: 'test' }, logRecords: [record] }] }] };
    const posted = await fetch(`${backends.urls.lokiOtlp}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlp) });
    expect(posted.status).toBe(204);
    const query = async (logql: string) => {
      const url = `${backends.urls.loki}/loki/api/v1/query_range?query=${encodeURIComponent(logql)}&since=10m&limit=100`;
      return LokiStreamsSchema.parse(await getJson(url)).data.result;
    };
    const streams = await eventually(async () => {
      const result = await query(`{service_name="backends-int-test"} | trace_id="${traceId}"`);
      return result.length > 0 ? result : undefined;
    });
    expect(streams.flatMap((s) => s.values.map((v) => v[1]))).toEqual(['payment declined: card expired']);
    expect(streams[0]?.stream).toMatchObject({ service_name: 'backends-int-test', trace_id: traceId, correlation_id: 'corr-loki-1', detected_level: 'error' });
    expect(await query(`{service_name="backends-int-test"} | trace_id="${randomBytes(16).toString('hex')}"`)).toEqual([]);
  });

  it('PostgreSQL answers on the returned URL, in the sightline database', async () => {
    const client = new pg.Client({ connectionString: backends.urls.postgres });
    await client.connect();
    try {
      const result = await client.query<{ one: number; db: string }>('select 1 as one, current_database() as db');
      expect(result.rows).toEqual([{ one: 1, db: 'sightline' }]);
    } finally {
      await client.end();
    }
  });

  it('stop() ends every backend process', async () => {
    const pids = readState(backends.dataDir)?.processes.map((p) => p.pid) ?? [];
    expect(pids).toHaveLength(5);
    await backends.stop();
    expect(pids.filter(isPidAlive)).toEqual([]);
    expect(readState(backends.dataDir)).toBeUndefined();
  });
});

describe('a backend that cannot start', () => {
  it('is reported with its name, command line, log file and the log lines that explain it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-backends-broken-'));
    try {
      writeFileSync(path.join(dir, 'broken.yml'), 'groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: rate(oops[\n');
      const error = await startBackends({
        dataDir: path.join(dir, 'data'), only: ['prometheus'], ports: { prometheus: await freePort() },
        ruleFiles: [path.join(dir, 'broken.yml')], log: () => undefined,
      }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BackendStartError);
      const { message, backend, logFile } = error as BackendStartError; // checked just above
      expect(backend).toBe('prometheus');
      expect(logFile).toBe(path.join(dir, 'data', 'logs', 'prometheus.log'));
      expect(message).toContain(`log: ${logFile}`);
      expect(message).toMatch(/command: .*prometheus --config\.file=/);
      expect(message).toMatch(/error lines in prometheus\.log:\n.*broken\.yml.*could not parse expression/);
      expect(readFileSync(logFile, 'utf8')).toContain('broken.yml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
