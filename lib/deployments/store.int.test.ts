import { expect } from 'vitest';
import { describeOnDatabases, type TestPrisma } from '@/lib/db/driver-test-databases';
import { createDeploymentLister, toDeployment, type DeploymentFilter } from './store';

// Deployment markers are read straight through the driver (not Prisma) on every panel request, so
// the reader is checked against what the Prisma query it replaced returns, on both databases
// Sightline runs on. Rows are written through a separate Prisma client, as POST /api/deployments
// (possibly on another instance) writes them.

/** The Prisma query listDeployments ran before it went through the driver. */
async function listThroughPrisma(db: TestPrisma, f: DeploymentFilter) {
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

describeOnDatabases('deployment listing', 'returns the deployments of the asked services inside the window, newest first, exactly as the Prisma query did', async ({ prisma: db, conn, tag }) => {
  const list = createDeploymentLister(conn);
  const svc = (name: string) => `${name}-${tag}`;
  const at = (iso: string) => new Date(iso);
  const base = { version: 'v1', status: 'succeeded', createdBy: 'token:ci' };
  await db.deployment.createMany({
    data: [
      { ...base, id: `${tag}-1`, service: svc('checkout'), environment: 'production', startedAt: at('2026-03-01T10:00:00.000Z'), finishedAt: at('2026-03-01T10:04:30.250Z'), commit: 'abc123', url: 'https://ci.example.com/1', description: 'new cart rules' },
      { ...base, id: `${tag}-2`, service: svc('payment'), environment: 'production', startedAt: at('2026-03-01T11:30:00.001Z'), status: 'rolled_back' },
      { ...base, id: `${tag}-3`, service: svc('checkout'), environment: 'staging', startedAt: at('2026-03-01T12:00:00.000Z'), status: 'started' },
      { ...base, id: `${tag}-4`, service: svc('cart'), environment: 'production', startedAt: at('2026-03-01T12:00:00.500Z') },
      { ...base, id: `${tag}-5`, service: svc('checkout'), environment: 'production', startedAt: at('2026-03-01T09:59:59.999Z') },
    ],
  });
  const window = { from: at('2026-03-01T10:00:00.000Z'), to: at('2026-03-01T12:00:00.000Z') };
  const filters: DeploymentFilter[] = [
    { services: [svc('checkout'), svc('payment')], ...window },
    { services: [svc('checkout')], environment: 'production', ...window },
    { services: [svc('checkout'), svc('cart'), svc('payment')], from: window.from },
    { services: [svc('checkout'), svc('cart'), svc('payment')], to: window.to, limit: 2 },
    { services: [svc('nobody')], ...window },
  ];
  const seen = [];
  for (const f of filters) {
    const got = await list(f);
    expect(got).toEqual(await listThroughPrisma(db, f));
    seen.push(got.map((d) => d.id.slice(tag.length + 1)));
  }
  // Bounds inclusive to the millisecond, newest first, services and environment filtered, limit kept.
  expect(seen).toEqual([['3', '2', '1'], ['1'], ['4', '3', '2', '1'], ['3', '2'], []]);
  expect((await list(filters[1]!))[0]).toMatchObject({ commit: 'abc123', url: 'https://ci.example.com/1', startedAt: Date.parse('2026-03-01T10:00:00.000Z'), finishedAt: Date.parse('2026-03-01T10:04:30.250Z') });

  // Recorded by another client after the statement was prepared: seen by the next read.
  await db.deployment.create({ data: { ...base, id: `${tag}-6`, service: svc('payment'), environment: 'production', startedAt: at('2026-03-01T11:00:00.000Z') } });
  expect((await list(filters[0]!)).map((d) => d.id.slice(tag.length + 1))).toEqual(['3', '2', '6', '1']);
});
