import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
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

/** Deployments that started in [from, to], newest first. */
export async function listDeployments(f: DeploymentFilter): Promise<Deployment[]> {
  const db = await getDb();
  const rows = await db.deployment.findMany({
    where: {
      ...(f.services?.length ? { service: { in: f.services } } : {}),
      ...(f.environment ? { environment: f.environment } : {}),
      ...(f.from || f.to ? { startedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
    },
    orderBy: { startedAt: 'desc' },
    take: f.limit ?? 500,
  });
  return rows.map(toDeployment);
}
