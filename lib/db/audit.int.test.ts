import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient as PgClient } from '@/lib/db/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/db/generated/sqlite/client';
import { createAuditWriter } from './audit';
import { migrateDatabase } from './migrate';

// Audit rows are inserted straight through the driver (not Prisma) and read back through Prisma, as
// an audit reader would: on the embedded SQLite and on a real PostgreSQL (TEST_POSTGRES_URL, started
// on loopback by the test runner).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-audit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Reader = InstanceType<typeof PgClient>;

function describeWriter(kind: string, url: () => string, reader: (url: string) => Reader) {
  describe(`audit writer on ${kind}`, () => {
    it('stores every event with its actor, details and exact time, readable through Prisma in time order', async () => {
      await migrateDatabase(url());
      const db = reader(url());
      const { write, close } = createAuditWriter(url());
      try {
        const target = `prometheus-${kind}-${Date.now()}`;
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
      } finally {
        await close();
        await db.$disconnect();
      }
    });
  });
}

describeWriter(
  'the embedded SQLite',
  () => `file:${path.join(tmp, 'audit.db')}`,
  (url) => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) }) as unknown as Reader, // same generated API, other provider
);

describe('a PostgreSQL to test against', () => {
  it('is given', () => expect(process.env.TEST_POSTGRES_URL, 'TEST_POSTGRES_URL is set by scripts/test/run.ts').toMatch(/^postgres(ql)?:\/\//));
});
describeWriter(
  'a real PostgreSQL',
  () => process.env.TEST_POSTGRES_URL ?? '',
  (url) => new PgClient({ adapter: new PrismaPg({ connectionString: url }) }),
);
