// `npm test`: every check, in the order a failure is cheapest to find.
//   1. system packages the tests need (Debian: chromium, prometheus, prometheus-alertmanager, postgresql)
//   2. ESLint, the type check, dashboard lint, unit tests (vitest)
//   3. real backends on free loopback ports with fresh data → integration tests (vitest)
//   4. production build → end-to-end tests in Debian's Chromium (Playwright) against the same backends
// Backends are stopped afterwards, also when tests fail. Ends with "summary: N passed, N failed".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, DEFAULT_RULE_FILES, freePort, startBackends, type BackendPortName, type RunningBackends } from '../backends/index';
import { ensureAptPackages } from '../system/ensure-packages';
import { countPlaywright, countVitest, type Counts } from './counts';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { only: { type: 'string' }, grep: { type: 'string' }, keep: { type: 'boolean' } } });
const only = values.only?.split(',');
/** --grep <regex>: only the tests whose names match, in every test phase. */
const grep = (flag: string) => (values.grep ? [flag, values.grep] : []);
const want = (phase: string) => !only || only.includes(phase);
const say = (msg: string) => console.log(`\n▶ ${msg}`);

/** Runs a command inheriting stdio; resolves with its exit code. */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`could not run ${cmd}: ${err.message}`);
      resolve(127);
    });
  });
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-test-'));
// PostgreSQL runs as the unprivileged postgres user, which must be able to reach its data dir inside.
chmodSync(tmp, 0o755);
const totals: Counts = { passed: 0, failed: 0 };
const failures: string[] = [];
const flaky: string[] = [];
const add = (name: string, code: number, counts?: Counts) => {
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (counts.flaky) flaky.push(`${name}: ${counts.flaky} test(s) passed only on retry`);
  }
  if (code !== 0) {
    failures.push(name);
    if (!counts || counts.failed === 0) totals.failed += 1; // a failing step with no test counts still counts once
  } else if (!counts) totals.passed += 1;
};

let backends: RunningBackends | undefined;
async function main() {
  say('Checking system packages (installs with apt-get when missing)');
  ensureAptPackages([
    { pkg: 'chromium', bin: 'chromium' },
    { pkg: 'prometheus', bin: 'promtool' },
    { pkg: 'prometheus-alertmanager', bin: 'prometheus-alertmanager' },
    { pkg: 'postgresql', bin: '/usr/lib/postgresql/15/bin/postgres' },
  ]);

  if (want('static')) {
    say('ESLint');
    add('eslint', await run('npx', ['eslint', '.', '--max-warnings=0']));
    say('Type check');
    add('typecheck', await run('npx', ['tsc', '--noEmit', '-p', '.']));
    say('Dashboard lint');
    add('lint:dashboards', await run('npm', ['run', '-s', 'lint:dashboards']));
  }
  if (want('unit')) {
    say('Unit tests (vitest)');
    const out = path.join(tmp, 'unit.json');
    add('unit', await run('npx', ['vitest', 'run', ...grep('-t'), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]), countVitest(out));
  }
  if (!want('integration') && !want('e2e')) return;

  say('Starting real backends on free loopback ports (fresh data)');
  // Free ports, never the defaults: a developer's running demo keeps working while the tests run.
  const names = Object.keys(DEFAULT_PORTS).filter((n): n is BackendPortName => n !== 'jaegerQueryGrpc');
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)));
  // Besides the generated SLO rules, a payment burn-rate rule on a compressed timeline, so the
  // drill-down test sees an incident fire within a minute instead of an hour.
  const ruleFiles = [...DEFAULT_RULE_FILES, path.join(root, 'scripts/demo/__fixtures__/payment-burn-rate-compressed.yml')];
  backends = await startBackends({ dataDir: path.join(tmp, 'backends'), fresh: true, ports, ruleFiles, scrapeIntervalSeconds: 2, evaluationIntervalSeconds: 2, log: (l) => console.log(`  ${l}`) });
  const u = backends.urls;
  const backendEnv = {
    PROMETHEUS_URL: u.prometheus,
    ALERTMANAGER_URL: u.alertmanager,
    JAEGER_URL: u.jaeger,
    JAEGER_GRPC_URL: u.jaegerGrpc,
    LOKI_URL: u.loki,
    TEST_JAEGER_OTLP_URL: u.jaegerOtlpHttp,
    TEST_LOKI_OTLP_URL: u.lokiOtlp,
    TEST_POSTGRES_URL: u.postgres,
    TEST_BACKENDS_DATA_DIR: backends.dataDir,
  };

  if (want('integration')) {
    say('Integration tests against the real backends (vitest)');
    const out = path.join(tmp, 'integration.json');
    add('integration', await run('npx', ['vitest', 'run', '-c', 'vitest.integration.config.ts', ...grep('-t'), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], backendEnv), countVitest(out));
  }
  if (want('e2e')) {
    say('Production build (next build, then the server bundle)');
    const built = await run('npm', ['run', 'build']);
    add('npm run build', built);
    if (built !== 0) return;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The dashboards spec writes a broken dashboard file; it goes into a copy, never the repository.
    const dashboardsDir = path.join(tmp, 'dashboards');
    cpSync(path.join(root, 'dashboards'), dashboardsDir, { recursive: true });
    const e2eEnv = {
      ...backendEnv,
      DASHBOARDS_DIR: dashboardsDir,
      DATABASE_URL: `file:${path.join(tmp, 'e2e.db')}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXTAUTH_URL: base,
      PUBLIC_URL: base,
      // As in the demo: Sightline's own traces and logs go to the test Jaeger and Loki.
      OTEL_EXPORTER_OTLP_ENDPOINT: u.jaegerOtlpHttp,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${u.lokiOtlp}/v1/logs`,
      OTEL_SERVICE_NAME: 'sightline',
      SIGHTLINE_E2E_PORT: String(port),
      SIGHTLINE_E2E_TMP: tmp,
    };
    say('Seeding demo users into the end-to-end database');
    add('seed', await run('npm', ['run', '-s', 'db:seed-demo'], e2eEnv));
    say('End-to-end tests in Debian Chromium (Playwright)');
    const out = path.join(tmp, 'e2e.json');
    add('e2e', await run('npx', ['playwright', 'test', ...grep('--grep')], { ...e2eEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: out }), countPlaywright(out));
  }
}

const cleanup = async () => {
  if (backends) {
    say('Stopping backends');
    await backends.stop();
  }
  if (!values.keep) rmSync(tmp, { recursive: true, force: true });
};

main()
  .catch((err: unknown) => {
    console.error(`\n✖ ${err instanceof Error ? err.message : String(err)}`);
    failures.push('runner');
    totals.failed += 1;
  })
  .finally(async () => {
    await cleanup();
    if (flaky.length) console.log(`\nFlaky: ${flaky.join('; ')}`);
    if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
    console.log(`\nsummary: ${totals.passed} passed, ${totals.failed} failed`);
    process.exit(failures.length ? 1 : 0);
  });

