import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient as PgClient } from './generated/postgres/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { migrateDatabase, readMigrations } from './migrate';

// The same checked-in migrations run on the embedded default (SQLite) and on a real PostgreSQL
// started on loopback by the test runner (TEST_POSTGRES_URL).
const postgresUrl = process.env.TEST_POSTGRES_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-migrate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('migrations on the embedded SQLite', () => {
  const url = `file:${path.join(tmp, 'nested', 'db.sqlite')}`;

  it('creates the database file, applies every migration once and records it like prisma migrate deploy', async () => {
    const first = await migrateDatabase(url);
    expect(first.applied).toEqual(readMigrations('sqlite').map((m) => m.name));
    const second = await migrateDatabase(url);
    expect(second).toMatchObject({ applied: [], alreadyApplied: first.applied.length });
    const db = new Database(url.slice(5), { readonly: true });
    const rows = db.prepare('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations').all() as { checksum: string; finished_at: string | null }[];
    db.close();
    expect(rows).toHaveLength(first.applied.length);
    expect(rows[0]?.checksum).toBe(readMigrations('sqlite')[0]?.checksum);
    expect(rows[0]?.finished_at).not.toBeNull();
  });

  it('serves the Prisma client: users, tokens, deployments, audit events and sign-in failures round-trip', async () => {
    const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${url.slice(5)}` }) });
    const user = await client.user.create({ data: { email: 'a@b.c', name: 'A', role: 'admin' } });
    await client.apiToken.create({ data: { name: 't', prefix: 'slt_x', secretHash: 'h', role: 'viewer', scopes: 'api', createdById: user.id } });
    await client.deployment.create({ data: { id: 'd1', service: 'payment', environment: 'prod', version: 'v2', status: 'succeeded', startedAt: new Date(0), createdBy: 'ci' } });
    await client.auditEvent.create({ data: { actor: 'a', action: 'x', target: 'y' } });
    expect(await client.apiToken.count({ where: { createdById: user.id } })).toBe(1);
    expect((await client.deployment.findUnique({ where: { id: 'd1' } }))?.startedAt.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    // Epoch ms past 2^31: the column is a 64-bit integer on both databases.
    await client.signInFailure.create({ data: { attempt: 'a1', limiter: 'account', key: 'a@b.c', at: 1_795_000_000_123n } });
    await expect(client.signInFailure.create({ data: { attempt: 'a1', limiter: 'account', key: 'x', at: 0n } })).rejects.toThrow();
    expect((await client.signInFailure.findFirst({ where: { key: 'a@b.c', at: { gt: 1_795_000_000_000n } } }))?.at).toBe(1_795_000_000_123n);
    await client.$disconnect();
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = new Database(url.slice(5));
    db.prepare('UPDATE _prisma_migrations SET checksum = ?').run('0'.repeat(64));
    db.close();
    await expect(migrateDatabase(url)).rejects.toThrow(/was modified after it was applied/);
  });
});

describe('migrations on a real PostgreSQL', () => {
  it('has a PostgreSQL to test against', () => {
    expect(postgresUrl, 'TEST_POSTGRES_URL is set by scripts/test/run.ts').toMatch(/^postgres(ql)?:\/\//);
  });

  it('applies the same migrations, twice in parallel without applying any twice', async () => {
    const url = postgresUrl ?? '';
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await admin.end();
    const [a, b] = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    const names = readMigrations('postgres').map((m) => m.name);
    expect([...a.applied, ...b.applied].sort()).toEqual(names);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('SELECT migration_name, checksum FROM "_prisma_migrations"');
    await check.end();
    expect(rows).toEqual(readMigrations('postgres').map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it('serves the Prisma client through the pg adapter', async () => {
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: postgresUrl ?? '' }) });
    const user = await client.user.create({ data: { email: 'pg@b.c', name: 'P', role: 'operator' } });
    await client.apiToken.create({ data: { name: 't', prefix: 'slt_y', secretHash: 'h2', role: 'viewer', scopes: 'deploy', createdById: user.id } });
    await expect(client.user.create({ data: { email: 'pg@b.c', name: 'dup' } })).rejects.toThrow();
    expect(await client.apiToken.count()).toBe(1);
    await client.signInFailure.create({ data: { attempt: 'a1', limiter: 'client', key: '192.0.2.1', at: 1_795_000_000_123n } });
    await expect(client.signInFailure.create({ data: { attempt: 'a1', limiter: 'client', key: 'x', at: 0n } })).rejects.toThrow();
    expect((await client.signInFailure.findFirst({ where: { key: '192.0.2.1', at: { gt: 1_795_000_000_000n } } }))?.at).toBe(1_795_000_000_123n);
    await client.$disconnect();
  });
});
