import 'server-only';
import Database from 'better-sqlite3';
import pg from 'pg';
import { env } from '@/lib/env';
import { getDb } from './client';
import { dbKindOf, sqlitePathOf, type DbKind } from './migrate';

/**
 * Prepared statements straight through the database driver, for the few hot queries where the
 * Prisma client's per-call cost shows (~0.5-1 ms of query interpretation on the event loop, and a
 * statement re-prepared on every call): better-sqlite3 on the embedded SQLite, a small pg pool on
 * PostgreSQL. Same tables and migrations as Prisma; every call is its own autocommit statement, so
 * what another process commits is seen by the next call and nothing is held in memory.
 */

/** One statement's SQL for each database (SQLite binds `?`, PostgreSQL `$1`, `$2`, ...). */
export interface DriverSql {
  sqlite: string;
  postgres: string;
}

/** Runs a prepared statement with positional values; resolves to its rows (none for a write). */
export type PreparedStatement = (values: readonly unknown[]) => Promise<unknown[]>;

export interface DriverConnection {
  kind: DbKind;
  /** Prepares `sql` once (`name` identifies it on PostgreSQL, unique per text). */
  prepare(name: string, sql: DriverSql): PreparedStatement;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** PostgreSQL: most connections the pool opens. */
  maxConnections: number;
  /** PostgreSQL: let a command-line tool exit while idle connections are open. */
  allowExitOnIdle?: boolean;
}

/** Opens a driver connection to DATABASE_URL `url` (already migrated: SQLite needs the file to exist). */
export function openDriver(url: string, opts: DriverOptions): DriverConnection {
  if (dbKindOf(url) === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections, idleTimeoutMillis: 30_000, allowExitOnIdle: opts.allowExitOnIdle ?? false });
    return {
      kind: 'postgres',
      prepare: (name, sql) => async (values) => (await pool.query({ name, text: sql.postgres, values: [...values] })).rows as unknown[],
      close: () => pool.end(),
    };
  }
  const db = new Database(sqlitePathOf(url), { fileMustExist: true, timeout: 10_000 });
  // Sorts (ORDER BY the deployment list's IN (...) of services) use a temporary B-tree, by default a
  // temporary file: an open, writes and an unlink per statement, ~35 µs of system calls that memory avoids.
  db.pragma('temp_store = MEMORY');
  return {
    kind: 'sqlite',
    prepare: (_name, sql) => {
      const statement = db.prepare(sql.sqlite);
      // better-sqlite3 refuses all() on a statement that returns no rows (INSERT, UPDATE).
      return statement.reader ? async (values) => statement.all(...values) : async (values) => (statement.run(...values), []);
    },
    close: async () => void db.close(),
  };
}

/**
 * A time as a statement parameter, in UTC and in the form Prisma writes and compares it: SQLite
 * stores ISO text with `+00:00`; PostgreSQL's TIMESTAMP(3) without time zone gets UTC wall time as
 * text (bind it as `$n::timestamp`), never shifted by the process' time zone.
 */
export function toDriverTime(kind: DbKind, at: Date): string {
  return kind === 'postgres' ? at.toISOString().slice(0, -1) : at.toISOString().replace('Z', '+00:00');
}

const g = globalThis as typeof globalThis & { __sightlineDrivers?: Map<string, Promise<unknown>>; __sightlineSqlite?: Map<string, DriverConnection> };

/**
 * The connection a slot's value is built on. PostgreSQL: a pool of the slot's own. SQLite: one
 * connection per database file for every slot of the process (better-sqlite3 runs each statement
 * to completion on the event loop, so they never overlap). Apart, one slot's writes (an audit row
 * per explore request) emptied the page cache another's reads run on (the token look-up of the next
 * request), which then re-read its pages: ~0.02-0.03 ms per request instead of ~0.004.
 */
function slotConnection(url: string, opts: DriverOptions): DriverConnection {
  if (dbKindOf(url) === 'postgres') return openDriver(url, opts);
  const shared = (g.__sightlineSqlite ??= new Map());
  let conn = shared.get(url);
  if (!conn) {
    conn = openDriver(url, opts);
    shared.set(url, conn);
  }
  return conn;
}

/**
 * A process-wide value built once from a driver connection to DATABASE_URL, after getDb() has
 * applied the migrations; `slot` names it (kept on globalThis: Next may load a module twice).
 * A failed open is not remembered, so the next call tries again.
 */
export function sharedDriverValue<T>(slot: string, opts: DriverOptions, build: (conn: DriverConnection) => T): Promise<T> {
  const slots = (g.__sightlineDrivers ??= new Map());
  const existing = slots.get(slot) as Promise<T> | undefined; // each slot holds only what its own build made
  if (existing) return existing;
  const created = getDb().then(() => build(slotConnection(env().DATABASE_URL, opts)));
  slots.set(slot, created);
  created.catch(() => slots.delete(slot));
  return created;
}
