import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_NAMES, livingProcesses, readState, startBackends, wipeDataDir, type BackendName } from './index';
import { isHttpOk, isPostgresReady } from './probes';

const USAGE = `usage: npm run backends -- [start|status|wipe] [options]
  start    start Prometheus, Alertmanager, Jaeger, Loki and PostgreSQL on 127.0.0.1 (default ports)
           and stay in the foreground until Ctrl-C
  status   show what runs from the data directory and whether each backend answers
  wipe     delete the data directory (refuses while backends run from it)
options:
  --data-dir DIR          default .data/backends
  --fresh                 (start) wipe the data directory first
  --only a,b              (start) only these of: ${BACKEND_NAMES.join(', ')}
  --external name=URL     (start) use an existing backend instead of starting one (repeatable)`;

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function parseBackendNames(value: string | undefined): BackendName[] | undefined {
  if (!value) return undefined;
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !BACKEND_NAMES.includes(n as BackendName));
  if (unknown.length > 0) throw new Error(`--only: unknown backend ${unknown.join(', ')}; choose from ${BACKEND_NAMES.join(', ')}`);
  return names as BackendName[]; // every name was checked above
}

function parseExternal(values: string[]): Partial<Record<BackendName, string>> {
  const external: Partial<Record<BackendName, string>> = {};
  for (const value of values) {
    const [name, ...rest] = value.split('=');
    const url = rest.join('=');
    if (!name || !BACKEND_NAMES.includes(name as BackendName) || !url) throw new Error(`--external expects name=URL with name one of ${BACKEND_NAMES.join(', ')}; got "${value}"`);
    external[name as BackendName] = url; // name checked above
  }
  return external;
}

async function runStart(dataDir: string, values: { fresh?: boolean; only?: string; external?: string[] }): Promise<void> {
  const t0 = Date.now();
  say(`Starting the telemetry backends (data: ${dataDir}).`);
  say('The first run may install Debian packages and build Jaeger and Loki from Go modules (first run only, several minutes).');
  const running = await startBackends({
    dataDir,
    fresh: values.fresh,
    only: parseBackendNames(values.only),
    external: parseExternal(values.external ?? []),
    log: (line) => say(`  ${line}`),
  });
  say(`\nAll ready in ${((Date.now() - t0) / 1000).toFixed(1)} s:`);
  for (const [name, url] of Object.entries(running.urls)) say(`  ${name.padEnd(15)} ${url}`);
  say(`Logs: ${running.logDir}/<backend>.log`);
  say('Press Ctrl-C to stop them.');
  // startBackends stops the children on SIGINT/SIGTERM; this handler only reports and exits.
  const onSignal = (signal: NodeJS.Signals) => {
    say(`\n${signal}: stopping the backends...`);
    void running.stop().then(
      () => {
        say('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Keep the event loop alive while the children run.
  setInterval(() => undefined, 1 << 30);
}

async function runStatus(dataDir: string): Promise<void> {
  const state = readState(dataDir);
  if (!state) {
    say(`Not running: no backends were started from ${dataDir} (or they were stopped).`);
    return;
  }
  const alive = new Set(livingProcesses(dataDir).map((p) => p.pid));
  say(`Started ${state.startedAt} by pid ${state.ownerPid} (data: ${dataDir})`);
  for (const p of state.processes) say(`  ${p.name.padEnd(13)} pid ${String(p.pid).padEnd(8)} ${alive.has(p.pid) ? 'running' : 'NOT RUNNING'}   log: ${p.logFile}`);
  const readyPath: Record<string, string> = { prometheus: '/-/ready', alertmanager: '/-/ready', jaeger: '/api/services', loki: '/ready' };
  for (const [name, url] of Object.entries(state.urls)) {
    const probePath = readyPath[name];
    const ok = name === 'postgres' ? await isPostgresReady(url) : probePath ? await isHttpOk(`${url}${probePath}`) : undefined;
    say(`  ${name.padEnd(15)} ${url}${ok === undefined ? '' : ok ? '  (answers)' : '  (NOT ANSWERING)'}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      fresh: { type: 'boolean' },
      only: { type: 'string' },
      external: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || !['start', 'status', 'wipe'].includes(command)) {
    say(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : path.join(REPO_ROOT, '.data', 'backends');
  if (command === 'start') await runStart(dataDir, values);
  if (command === 'status') await runStatus(dataDir);
  if (command === 'wipe') {
    wipeDataDir(dataDir);
    say(`Wiped ${dataDir}.`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
