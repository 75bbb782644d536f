import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { LaunchPlan, PlanContext } from './launch-plans';
import { runToCompletion } from './managed-process';
import { isPostgresReady } from './probes';

/** The database the app and its tests use. */
export const POSTGRES_DATABASE = 'sightline';
/** PostgreSQL refuses to run as root; when we are root it runs as this Debian system user. */
const POSTGRES_USER = 'postgres';

/** Connection URL of `database` on the loopback server at `port` (trust auth, superuser postgres). */
export function postgresUrl(port: number, database = POSTGRES_DATABASE): string {
  return `postgresql://${POSTGRES_USER}@127.0.0.1:${port}/${database}`;
}

function lookupId(flag: '-u' | '-g', user: string): number {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  const id = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isInteger(id)) throw new Error(`postgres: no system user "${user}" (install Debian's postgresql package)`);
  return id;
}

/**
 * As root: hands <dataDir>/postgres to the postgres user and makes sure that user can reach it
 * (mkdtemp makes 0700 directories, so the data dir itself gets the traverse bit o+x).
 */
function prepareOwnership(dataDir: string, dir: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = lookupId('-u', POSTGRES_USER);
  const gid = lookupId('-g', POSTGRES_USER);
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o7777) | 0o011);
  chownSync(dir, uid, gid);
  if (!canPostgresUser('-w', dir)) {
    const ancestors = path.resolve(dir).split(path.sep).map((_, i, parts) => parts.slice(0, i + 1).join(path.sep) || path.sep);
    const blocking = ancestors.find((a) => !canPostgresUser('-x', a));
    const fix = blocking ? `: ${blocking} is not traversable by it (chmod o+x ${blocking})` : '';
    throw new Error(`postgres: the "${POSTGRES_USER}" system user cannot write ${dir}${fix}`);
  }
}

function canPostgresUser(test: '-w' | '-x', target: string): boolean {
  const args = ['--reuid', POSTGRES_USER, '--regid', POSTGRES_USER, '--init-groups', '--', 'test', test, target];
  return spawnSync('setpriv', args).status === 0;
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [POSTGRES_DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${POSTGRES_DATABASE}`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL from Debian's packages: initdb on first start, loopback only, socket in the data dir. */
export function planPostgres(ctx: PlanContext, binDir: string, logFile: string): LaunchPlan {
  const dir = path.join(ctx.dataDir, 'postgres');
  const pgData = path.join(dir, 'data');
  const port = ctx.ports.postgres;
  return {
    name: 'postgres',
    dir,
    prepare: async () => {
      mkdirSync(dir, { recursive: true });
      prepareOwnership(ctx.dataDir, dir);
      if (existsSync(path.join(pgData, 'PG_VERSION'))) return;
      await runToCompletion(
        {
          name: 'postgres',
          command: path.join(binDir, 'initdb'),
          // Trust is safe here: the server listens on 127.0.0.1 and a socket inside the data dir only.
          args: ['-D', pgData, '-U', POSTGRES_USER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'],
          runAs: POSTGRES_USER,
        },
        logFile,
      );
    },
    spec: {
      name: 'postgres',
      command: path.join(binDir, 'postgres'),
      args: ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`],
      runAs: POSTGRES_USER,
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open sessions, checkpoint, exit.
      stopSignal: 'SIGINT',
    },
    probe: () => isPostgresReady(postgresUrl(port, 'postgres')),
    readyTimeoutMs: 60_000,
    afterReady: () => createDatabaseIfMissing(port),
  };
}
