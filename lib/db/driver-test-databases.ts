import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDriver, type DriverConnection } from './driver';
import { PrismaClient as PgClient } from './generated/postgres/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { migrateDatabase } from './migrate';

/**
 * Integration tests of statements that go straight through the driver (lib/db/driver.ts): each runs
 * on both databases Sightline runs on, the embedded SQLite (a temporary file) and a real PostgreSQL
 * started on loopback by the test runner (TEST_POSTGRES_URL), next to a separate Prisma client that
 * writes or reads the same tables as the app (or another process) would.
 */

export type TestPrisma = InstanceType<typeof PgClient>;

export interface DriverTestContext {
  /** A separate Prisma client on the same, migrated database. */
  prisma: TestPrisma;
  conn: DriverConnection;
  /** The database's DATABASE_URL, to open more connections to it (as other processes would). */
  url: string;
  /** A tag unique to this test run and database, for ids and names. */
  tag: string;
}

/** Declares `title` on SQLite and on PostgreSQL; `body` gets a migrated database, closed afterwards. */
export function describeOnDatabases(subject: string, title: string, body: (t: DriverTestContext) => Promise<void>): void {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-driver-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const databases = [
    // Same generated query API as the PostgreSQL client; only the provider differs.
    { kind: 'sqlite', url: () => `file:${path.join(tmp, 'test.db')}`, open: (url: string) => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) }) as unknown as TestPrisma },
    { kind: 'postgres', url: () => process.env.TEST_POSTGRES_URL ?? '', open: (url: string) => new PgClient({ adapter: new PrismaPg({ connectionString: url }) }) },
  ];
  describe(subject, () => {
    it('has a PostgreSQL to test against', () => expect(process.env.TEST_POSTGRES_URL, 'TEST_POSTGRES_URL is set by scripts/test/run.ts').toMatch(/^postgres(ql)?:\/\//));
    for (const db of databases) {
      it(`${title} (${db.kind})`, async () => {
        await migrateDatabase(db.url());
        const prisma = db.open(db.url());
        const conn = openDriver(db.url(), { maxConnections: 1 });
        try {
          await body({ prisma, conn, url: db.url(), tag: `${db.kind}${Date.now()}` });
        } finally {
          await conn.close();
          await prisma.$disconnect();
        }
      });
    }
  });
}
