import { expect } from 'vitest';
import { createAuditWriter } from './audit';
import { describeOnDatabases } from './driver-test-databases';

// Audit rows are inserted straight through the driver (not Prisma) and read back through Prisma, as
// an audit reader would, on both databases Sightline runs on.
describeOnDatabases('audit writer', 'stores every event with its actor, details and exact time, readable through Prisma in time order', async ({ prisma: db, conn, tag }) => {
  const write = createAuditWriter(conn);
  const target = `prometheus-${tag}`;
  const first = new Date('2026-03-01T12:34:56.789Z');
  const second = new Date('2026-03-01T12:34:57.001Z');
  await write({ actor: 'dev@example.com', action: 'explore.prometheus.query_range', target, details: { query: 'up', requestId: 'r-1' } }, second);
  await write({ actor: 'token:ci', action: 'explore.loki.query_range', target }, first);
  const rows = await db.auditEvent.findMany({ where: { target }, orderBy: { time: 'asc' } });
  expect(rows.map((r) => [r.actor, r.action, r.time.toISOString(), r.details])).toEqual([
    ['token:ci', 'explore.loki.query_range', first.toISOString(), null],
    ['dev@example.com', 'explore.prometheus.query_range', second.toISOString(), '{"query":"up","requestId":"r-1"}'],
  ]);
  expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  const since = await db.auditEvent.count({ where: { target, time: { gt: first } } });
  expect(since).toBe(1);
});
