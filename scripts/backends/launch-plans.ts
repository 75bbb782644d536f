import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LaunchSpec } from './managed-process';
import type { PortName } from './ports';
import { isHttpOk } from './probes';
import { writeRenderedConfig } from './render-config';
import { ensureScrapeFiles, scrapeTargetsFile, scrapeTokenFile } from './scrape-targets';

/** Backends startBackends knows. */
export type BackendName = 'prometheus' | 'alertmanager' | 'jaeger' | 'loki' | 'postgres';

/** Everything a launch plan needs to know about this start. */
export type PlanContext = {
  dataDir: string;
  ports: Record<PortName, number>;
  scrapeIntervalSeconds: number;
  evaluationIntervalSeconds: number;
  /** Absolute paths or globs of Prometheus rule files. */
  ruleFiles: string[];
  /** The Alertmanager Prometheus sends alerts to (the one started alongside, or an external one); undefined: none. */
  alertmanagerUrl: string | undefined;
};

/** A backend process to start, and how to know it is ready. */
export type LaunchPlan = {
  name: BackendName;
  spec: LaunchSpec;
  /** Data directory for this backend (<dataDir>/<name>). */
  dir: string;
  /** Polled every 250 ms until true (an HTTP readiness endpoint, or a query for postgres). */
  probe: () => Promise<boolean>;
  readyTimeoutMs: number;
  /** Runs before the process starts (e.g. initdb); its failures name the backend too. */
  prepare?: () => Promise<void>;
  /** Runs once the backend is ready (e.g. create the database). */
  afterReady?: () => Promise<void>;
};

const LOOPBACK = '127.0.0.1';
const address = (port: number) => `${LOOPBACK}:${port}`;

/** Prometheus with exemplar storage, lifecycle API, remote-write receiver and 45 days of retention. */
export function planPrometheus(ctx: PlanContext, binary: string): LaunchPlan {
  const dir = path.join(ctx.dataDir, 'prometheus');
  ensureScrapeFiles(ctx.dataDir);
  const am = ctx.alertmanagerUrl ? new URL(ctx.alertmanagerUrl) : undefined;
  const config = writeRenderedConfig('prometheus.yml', dir, {
    scrapeInterval: `${ctx.scrapeIntervalSeconds}s`,
    evaluationInterval: `${ctx.evaluationIntervalSeconds}s`,
    ruleFiles: ctx.ruleFiles,
    alertmanagerScheme: am ? am.protocol.replace(':', '') : 'http',
    alertmanagerPathPrefix: am ? am.pathname : '/',
    alertmanagerTargets: am ? [am.host] : [],
    prometheusTargets: [address(ctx.ports.prometheus)],
    shopTargetsFile: scrapeTargetsFile(ctx.dataDir, 'shop'),
    sightlineTargetsFile: scrapeTargetsFile(ctx.dataDir, 'sightline'),
    sightlineTokenFile: scrapeTokenFile(ctx.dataDir, 'sightline'),
  });
  return {
    name: 'prometheus',
    dir,
    spec: {
      name: 'prometheus',
      command: binary,
      args: [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        '--storage.tsdb.retention.time=45d',
        `--web.listen-address=${address(ctx.ports.prometheus)}`,
        // Alerts' generatorURL then links to this Prometheus rather than to the machine's hostname.
        `--web.external-url=http://${address(ctx.ports.prometheus)}/`,
        '--web.enable-lifecycle',
        '--web.enable-remote-write-receiver',
        '--enable-feature=exemplar-storage',
        // Default 1m: an alert whose first notification was dropped (sent before the Alertmanager
        // was discovered at start) would reach it a minute late; resend every evaluation instead.
        `--rules.alert.resend-delay=${ctx.evaluationIntervalSeconds}s`,
      ],
    },
    probe: () => isHttpOk(`http://${address(ctx.ports.prometheus)}/-/ready`),
    readyTimeoutMs: 60_000,
  };
}

/** Alertmanager without clustering, state under the data dir. */
export function planAlertmanager(ctx: PlanContext, binary: string): LaunchPlan {
  const dir = path.join(ctx.dataDir, 'alertmanager');
  // Short waits so a test sees a firing alert grouped within seconds.
  const config = writeRenderedConfig('alertmanager.yml', dir, { groupWait: '2s', groupInterval: '10s' });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  return {
    name: 'alertmanager',
    dir,
    spec: {
      name: 'alertmanager',
      command: binary,
      args: [
        `--config.file=${config}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=${address(ctx.ports.alertmanager)}`,
        '--cluster.listen-address=',
      ],
    },
    probe: () => isHttpOk(`http://${address(ctx.ports.alertmanager)}/-/ready`),
    readyTimeoutMs: 30_000,
  };
}

/** Jaeger v2: OTLP in, badger storage on disk, query API and UI on the query port. */
export function planJaeger(ctx: PlanContext, binary: string): LaunchPlan {
  const dir = path.join(ctx.dataDir, 'jaeger');
  const config = writeRenderedConfig('jaeger.yaml', dir, {
    queryHttpEndpoint: address(ctx.ports.jaegerQuery),
    queryGrpcEndpoint: address(ctx.ports.jaegerQueryGrpc),
    otlpHttpEndpoint: address(ctx.ports.jaegerOtlpHttp),
    otlpGrpcEndpoint: address(ctx.ports.jaegerOtlpGrpc),
    badgerKeysDir: path.join(dir, 'badger', 'keys'),
    badgerValuesDir: path.join(dir, 'badger', 'values'),
  });
  return {
    name: 'jaeger',
    dir,
    spec: { name: 'jaeger', command: binary, args: [`--config=${config}`] },
    probe: () => isHttpOk(`http://${address(ctx.ports.jaegerQuery)}/api/services`),
    readyTimeoutMs: 60_000,
  };
}

/** Loki single binary: filesystem storage, OTLP ingestion, 30 days of retention. */
export function planLoki(ctx: PlanContext, binary: string): LaunchPlan {
  const dir = path.join(ctx.dataDir, 'loki');
  const data = path.join(dir, 'data');
  const config = writeRenderedConfig('loki.yaml', dir, {
    httpPort: ctx.ports.loki,
    grpcPort: ctx.ports.lokiGrpc,
    grpcAddress: address(ctx.ports.lokiGrpc),
    dataDir: data,
    chunksDir: path.join(data, 'chunks'),
    rulesDir: path.join(data, 'rules'),
    compactorDir: path.join(data, 'compactor'),
  });
  return {
    name: 'loki',
    dir,
    spec: { name: 'loki', command: binary, args: [`-config.file=${config}`] },
    probe: () => isHttpOk(`http://${address(ctx.ports.loki)}/ready`),
    readyTimeoutMs: 60_000,
  };
}
