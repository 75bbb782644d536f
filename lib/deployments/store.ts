import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { sharedDriverValue, toDriverTime, type DriverConnection, type DriverSql, type PreparedStatement } from '@/lib/db/driver';
import { asUnixMs, type Deployment } from '@/lib/datasources/types';
import type { DeploymentInput } from './schema';

type Row = { id: string; service: string; environment: string; version: string; commit: string | null; url: string | null; description: string | null; status: string; startedAt: Date; finishedAt: Date | null; createdBy: string };

const STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;

/** Converts a stored row to the domain type. */
export function toDeployment(r: Row): Deployment {
  return {
    id: r.id,
    service: r.service,
    environment: r.environment,
    version: r.version,
    commit: r.commit,
    url: r.url,
    description: r.description,
    status: STATUSES.find((s) => s === r.status) ?? 'succeeded',
    startedAt: asUnixMs(r.startedAt.getTime()),
    finishedAt: r.finishedAt ? asUnixMs(r.finishedAt.getTime()) : null,
    createdBy: r.createdBy,
  };
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'P2002';

/**
 * Records a deployment, idempotently by id: a repeated id updates status/finish of the same
 * deployment instead of adding one. Resolves after the write is committed.
 */
export async function recordDeployment(input: DeploymentInput, actor: string): Promise<{ deployment: Deployment; created: boolean }> {
  const db = await getDb();
  const data = {
    service: input.service,
    environment: input.environment,
    version: input.version,
    commit: input.commit ?? null,
    url: input.url ?? null,
    description: input.description ?? null,
    status: input.status,
    startedAt: new Date(input.startedAt),
    finishedAt: input.finishedAt ? new Date(input.finishedAt) : null,
  };
  const update = { status: data.status, finishedAt: data.finishedAt, description: data.description, url: data.url };
  const existing = await db.deployment.findUnique({ where: { id: input.id } });
  if (existing) return { deployment: toDeployment(await db.deployment.update({ where: { id: input.id }, data: update })), created: false };
  try {
    const row = await db.deployment.create({ data: { id: input.id, ...data, createdBy: actor } });
    await recordAudit({ actor, action: 'deployment.create', target: row.id, details: { service: row.service, version: row.version, environment: row.environment } });
    return { deployment: toDeployment(row), created: true };
  } catch (err) {
    // Two concurrent first POSTs of the same id: the loser becomes an update.
    if (!isUniqueViolation(err)) throw err;
    return { deployment: toDeployment(await db.deployment.update({ where: { id: input.id }, data: update })), created: false };
  }
}

export interface DeploymentFilter {
  services?: string[];
  environment?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

// Times as epoch ms: PostgreSQL computes them in SQL (pg would read a timestamp without time zone
// as local time); SQLite holds Prisma's ISO text (or epoch ms, which Prisma reads too).
const DriverTime = z.union([z.number(), z.string().transform(Date.parse).pipe(z.number().refine((ms) => !Number.isNaN(ms), 'not a time'))]);
const DriverRowSchema = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  commit: z.string().nullable(),
  url: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string(),
  startedAt: DriverTime,
  finishedAt: DriverTime.nullable(),
  createdBy: z.string(),
});

/** The columns every driver SELECT reads: the row schema's fields, in its order. */
const COLUMNS = DriverRowSchema.keyof().options;

/** Converts a row read through the driver to the domain type, exactly as toDeployment converts Prisma's. */
function toDeploymentFromDriver(raw: unknown): Deployment {
  const r = DriverRowSchema.parse(raw);
  return toDeployment({ ...r, startedAt: new Date(r.startedAt), finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt) });
}

/** Which optional conditions a filter uses: one prepared statement per shape (at most 16). */
const shapeOf = (f: DeploymentFilter) => ({ services: Boolean(f.services?.length), environment: Boolean(f.environment), from: Boolean(f.from), to: Boolean(f.to) });
type Shape = ReturnType<typeof shapeOf>;

/** The SELECT of one filter shape for each database, with its parameters in order. */
function toListSql(shape: Shape): DriverSql {
  const where = (param: (n: number) => string, servicesIn: (p: string) => string, time: (p: string) => string) => {
    const conditions: string[] = [];
    let n = 0;
    if (shape.services) conditions.push(`"service" ${servicesIn(param(++n))}`);
    if (shape.environment) conditions.push(`"environment" = ${param(++n)}`);
    if (shape.from) conditions.push(`"startedAt" >= ${time(param(++n))}`);
    if (shape.to) conditions.push(`"startedAt" <= ${time(param(++n))}`);
    return `${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY "startedAt" DESC LIMIT ${param(++n)}`;
  };
  const epochMs = (c: string) => `(EXTRACT(EPOCH FROM "${c}") * 1000)::float8 AS "${c}"`;
  const pgColumns = COLUMNS.map((c) => (c === 'startedAt' || c === 'finishedAt' ? epochMs(c) : `"${c}"`)).join(', ');
  const sqliteColumns = COLUMNS.map((c) => `"${c}"`).join(', ');
  return {
    // The service list is one parameter, so one statement serves any number of services.
    postgres: `SELECT ${pgColumns} FROM "Deployment"${where((n) => `$${n}`, (p) => `= ANY(${p}::text[])`, (p) => `${p}::timestamp`)}`,
    sqlite: `SELECT ${sqliteColumns} FROM "Deployment"${where(() => '?', (p) => `IN (SELECT "value" FROM json_each(${p}))`, (p) => p)}`,
  };
}

/** Deployments that started in [from, to], newest first. */
export type DeploymentLister = (f: DeploymentFilter) => Promise<Deployment[]>;

/**
 * listDeployments through prepared statements on a driver connection (lib/db/driver.ts): what
 * every panel with deployment markers reads, without ~1 ms of Prisma query interpretation on the
 * event loop. Same rows, order and limit as the Prisma query it replaces (times compared in the
 * form Prisma stores them); every call is a fresh autocommit read, so a deployment recorded by any
 * instance shows on the next panel request.
 */
export function createDeploymentLister(conn: DriverConnection): DeploymentLister {
  const statements = new Map<string, PreparedStatement>();
  return async (f) => {
    const shape = shapeOf(f);
    const key = Object.values(shape).map(Number).join('');
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = conn.prepare(`sightline_deployments_${key}`, toListSql(shape))));
    const values: unknown[] = [];
    if (shape.services) values.push(conn.kind === 'postgres' ? f.services : JSON.stringify(f.services));
    if (shape.environment) values.push(f.environment);
    if (f.from) values.push(toDriverTime(conn.kind, f.from));
    if (f.to) values.push(toDriverTime(conn.kind, f.to));
    values.push(f.limit ?? 500);
    return (await statement(values)).map(toDeploymentFromDriver);
  };
}

/** Deployments that started in [from, to], newest first. */
export async function listDeployments(f: DeploymentFilter): Promise<Deployment[]> {
  const list = await sharedDriverValue('deployment-lister', { maxConnections: 4 }, createDeploymentLister);
  return list(f);
}
