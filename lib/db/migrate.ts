import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Applies the checked-in Prisma migrations (prisma/migrations for PostgreSQL,
 * prisma/sqlite/migrations for the embedded SQLite) and records each in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (sha256 checksum of migration.sql), so a database
 * migrated here can later be managed by the Prisma CLI and vice versa.
 */

export type DbKind = 'sqlite' | 'postgres';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  kind: DbKind;
  applied: string[];
  alreadyApplied: number;
}

// Prisma's advisory lock key for migrations; sharing it serialises us with the Prisma CLI too.
const PRISMA_LOCK_KEY = 72707369;

/** Tells which database a DATABASE_URL names. */
export function dbKindOf(url: string): DbKind {
  return url.startsWith('file:') ? 'sqlite' : 'postgres';
}

/** Resolves `file:./x.db` (relative to the working directory) to a path. */
export function sqlitePathOf(url: string): string {
  return path.resolve(/* turbopackIgnore: true */ url.slice('file:'.length).split('?')[0] ?? '');
}

/** Reads the migrations for a database kind, in name order. */
export function readMigrations(kind: DbKind, root = process.cwd()): Migration[] {
  const dir = path.join(/* turbopackIgnore: true */ root, kind === 'postgres' ? 'prisma/migrations' : 'prisma/sqlite/migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function checkChecksums(applied: Map<string, string>, migrations: Migration[]) {
  for (const m of migrations) {
    const recorded = applied.get(m.name);
    if (recorded !== undefined && recorded !== m.checksum) {
      throw new Error(`migration ${m.name} was modified after it was applied (checksum ${recorded.slice(0, 12)}… ≠ ${m.checksum.slice(0, 12)}…)`);
    }
  }
}

function migrateSqlite(url: string, migrations: Migration[]): MigrateResult {
  const file = sqlitePathOf(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied: string[] = [];
    // IMMEDIATE takes the write lock up front, so two processes starting together apply each migration once.
    const run = db.transaction(() => {
      const rows = db.prepare('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL').all() as { migration_name: string; checksum: string }[];
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      checkChecksums(done, migrations);
      for (const m of migrations.filter((x) => !done.has(x.name))) {
        db.exec(m.sql);
        db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)').run(randomUUID(), m.checksum, m.name);
        applied.push(m.name);
      }
      return done.size;
    });
    const already = run.immediate();
    return { kind: 'sqlite', applied, alreadyApplied: already };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkChecksums(done, migrations);
    const applied: string[] = [];
    for (const m of migrations.filter((x) => !done.has(x.name))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)',
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      applied.push(m.name);
    }
    return { kind: 'postgres', applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Applies every pending migration to the database at `url`. Safe to run from several processes at once. */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<MigrateResult> {
  const kind = dbKindOf(url);
  const migrations = readMigrations(kind, root);
  return kind === 'sqlite' ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
