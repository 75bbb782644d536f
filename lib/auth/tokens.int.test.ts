import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient as PgClient } from '@/lib/db/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/db/generated/sqlite/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { createTokenLookup } from './tokens';

// The bearer-token lookup reads the ApiToken table straight through the driver (not Prisma), so it
// is checked on both databases Sightline runs on: the embedded SQLite and a real PostgreSQL started
// on loopback by the test runner (TEST_POSTGRES_URL). Writes go through a separate Prisma client,
// as the token CLI (another process) would make them.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sightline-tokens-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Writer = InstanceType<typeof PgClient>;

function describeLookup(kind: string, url: () => string, writer: (url: string) => Writer) {
  describe(`token lookup on ${kind}`, () => {
    it('finds a token by its hash, sees its last use, and sees a revocation by another client at once', async () => {
      await migrateDatabase(url());
      const db = writer(url());
      const { lookup, close } = createTokenLookup(url());
      try {
        const hash = `hash-${kind}-${Date.now()}`;
        const row = await db.apiToken.create({ data: { name: 'ci', prefix: 'slt_abcdef', secretHash: hash, role: 'operator', scopes: 'api,deploy' } });
        expect(await lookup(hash)).toEqual({ id: row.id, name: 'ci', role: 'operator', scopes: 'api,deploy', revoked: false, lastUsedMs: null });
        expect(await lookup(`${hash}-unknown`)).toBeNull();

        const used = new Date('2026-03-01T12:34:56.789Z');
        await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: used } });
        expect((await lookup(hash))?.lastUsedMs).toBe(used.getTime());

        await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
        expect((await lookup(hash))?.revoked).toBe(true);
      } finally {
        await close();
        await db.$disconnect();
      }
    });
  });
}

describeLookup(
  'the embedded SQLite',
  () => `file:${path.join(tmp, 'tokens.db')}`,
  (url) => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) }) as unknown as Writer, // same generated API, other provider
);

describe('a PostgreSQL to test against', () => {
  it('is given', () => expect(process.env.TEST_POSTGRES_URL, 'TEST_POSTGRES_URL is set by scripts/test/run.ts').toMatch(/^postgres(ql)?:\/\//));
});
describeLookup(
  'a real PostgreSQL',
  () => process.env.TEST_POSTGRES_URL ?? '',
  (url) => new PgClient({ adapter: new PrismaPg({ connectionString: url }) }),
);
