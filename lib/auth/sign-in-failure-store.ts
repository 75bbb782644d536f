import 'server-only';
import { z } from 'zod';
import { sharedDriverValue, type DriverConnection } from '@/lib/db/driver';
import type { SignInFailureStore } from './sign-in-throttle';

/**
 * The sign-in throttle's failures in the SignInFailure table, shared by every instance on the
 * database, through prepared statements straight on the driver (lib/db/driver.ts) as the other
 * per-request paths are. Each call is one autocommit statement: a failure recorded by any instance
 * is counted by the next tally anywhere. Times are epoch ms in a BIGINT, the same integer on SQLite
 * and PostgreSQL; they come from each instance's clock, so instances are assumed to keep time (NTP).
 */

const TABLE = '"SignInFailure"';
const INSERT = `INSERT INTO ${TABLE} ("attempt", "limiter", "key", "at")`;

// pg reads BIGINT and count(*) as strings (they may exceed 2^53; epoch ms and counts do not); SQLite gives numbers.
const Integer = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int());
const TallyRowSchema = z.object({ count: Integer, rankedAt: Integer.nullable() });

/** The store over a driver connection to a migrated database. */
export function createSignInFailureStore(conn: DriverConnection): SignInFailureStore {
  const recordAccount = conn.prepare('sightline_signin_failure_record_account', {
    postgres: `${INSERT} VALUES ($1, 'account', $2, $3)`,
    sqlite: `${INSERT} VALUES (?, 'account', ?, ?)`,
  });
  // One statement for both rows: another instance sees both of them or neither.
  const recordBoth = conn.prepare('sightline_signin_failure_record_both', {
    postgres: `${INSERT} VALUES ($1, 'account', $2, $3), ($4, 'client', $5, $6)`,
    sqlite: `${INSERT} VALUES (?, 'account', ?, ?), (?, 'client', ?, ?)`,
  });
  // The count and the ranked time in one statement, so they describe the same rows (one snapshot on
  // PostgreSQL), both found by the ("limiter", "key", "at") index. SQLite's `?`s take the values in
  // order, so the key comes twice; PostgreSQL's $n take the same list.
  const tally = conn.prepare('sightline_signin_failure_tally', {
    postgres: `SELECT (SELECT count(*) FROM ${TABLE} WHERE "limiter" = $1 AND "key" = $2 AND "at" > $3) AS "count",
      (SELECT "at" FROM ${TABLE} WHERE "limiter" = $4 AND "key" = $5 AND "at" > $6 AND "attempt" <> $7 ORDER BY "at" DESC LIMIT 1 OFFSET $8) AS "rankedAt"`,
    sqlite: `SELECT (SELECT count(*) FROM ${TABLE} WHERE "limiter" = ? AND "key" = ? AND "at" > ?) AS "count",
      (SELECT "at" FROM ${TABLE} WHERE "limiter" = ? AND "key" = ? AND "at" > ? AND "attempt" <> ? ORDER BY "at" DESC LIMIT 1 OFFSET ?) AS "rankedAt"`,
  });
  const forget = conn.prepare('sightline_signin_failure_forget', {
    postgres: `DELETE FROM ${TABLE} WHERE "attempt" = $1`,
    sqlite: `DELETE FROM ${TABLE} WHERE "attempt" = ?`,
  });
  const clearAccount = conn.prepare('sightline_signin_failure_clear_account', {
    postgres: `DELETE FROM ${TABLE} WHERE ("limiter" = 'account' AND "key" = $1) OR "attempt" = $2`,
    sqlite: `DELETE FROM ${TABLE} WHERE ("limiter" = 'account' AND "key" = ?) OR "attempt" = ?`,
  });
  // Neither database has DELETE ... LIMIT by default: the rows to delete are chosen by the "at" index.
  // On PostgreSQL, SKIP LOCKED leaves rows that a concurrent prune (or sign-in) is deleting to it,
  // so instances pruning together neither wait for nor deadlock with each other.
  const prune = conn.prepare('sightline_signin_failure_prune', {
    postgres: `DELETE FROM ${TABLE} WHERE ("attempt", "limiter") IN (SELECT "attempt", "limiter" FROM ${TABLE} WHERE "at" <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    sqlite: `DELETE FROM ${TABLE} WHERE rowid IN (SELECT rowid FROM ${TABLE} WHERE "at" <= ? LIMIT ?)`,
  });
  return {
    async record(attempt, atMs, a) {
      await (a.client === null ? recordAccount([attempt, a.email, atMs]) : recordBoth([attempt, a.email, atMs, attempt, a.client, atMs]));
    },
    async tally({ limiter, key, sinceMs, attempt, rank }) {
      const row = TallyRowSchema.parse((await tally([limiter, key, sinceMs, limiter, key, sinceMs, attempt, rank - 1]))[0]);
      return { count: row.count, rankedAtMs: row.rankedAt };
    },
    forget: async (attempt) => void (await forget([attempt])),
    clearAccount: async (email, attempt) => void (await clearAccount([email, attempt])),
    prune: async (beforeMs, max) => void (await prune([beforeMs, max])),
  };
}

/** The process-wide store, opened after the database is migrated (getDb applies migrations). */
export function signInFailureStore(): Promise<SignInFailureStore> {
  return sharedDriverValue('sign-in-failures', { maxConnections: 2 }, createSignInFailureStore);
}
