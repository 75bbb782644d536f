import 'server-only';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '@/lib/env';
import { PrismaClient as PgClient } from './generated/postgres/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { dbKindOf, migrateDatabase, sqlitePathOf } from './migrate';

/**
 * The database client. PostgreSQL when DATABASE_URL is postgresql://…, else the embedded SQLite
 * file (default .data/sightline.db). Migrations are applied once per process before first use.
 */

export type Db = InstanceType<typeof PgClient>;

const g = globalThis as typeof globalThis & { __sightlineDb?: Promise<Db> };

async function connect(url: string): Promise<Db> {
  await migrateDatabase(url);
  if (dbKindOf(url) === 'postgres') return new PgClient({ adapter: new PrismaPg({ connectionString: url }) });
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${sqlitePathOf(url)}`, timeout: 10_000 }) });
  // Both clients are generated from the same models (prisma/sqlite/schema.prisma is derived from
  // prisma/schema.prisma), so their query APIs are identical; only the provider differs.
  return client as unknown as Db;
}

/** The process-wide database client, migrated and ready. */
export function getDb(): Promise<Db> {
  g.__sightlineDb ??= connect(env().DATABASE_URL).catch((err: unknown) => {
    g.__sightlineDb = undefined;
    throw new Error(`database ${dbKindOf(env().DATABASE_URL)} is not usable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  });
  return g.__sightlineDb;
}
