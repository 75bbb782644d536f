import { expect } from 'vitest';
import { describeOnDatabases } from '@/lib/db/driver-test-databases';
import { createTokenLookup } from './tokens';

// The bearer-token lookup reads the ApiToken table straight through the driver (not Prisma), so it
// is checked on both databases Sightline runs on. Writes go through a separate Prisma client, as the
// token CLI (another process) would make them.
describeOnDatabases('token lookup', 'finds a token by its hash, sees its last use, and sees a revocation by another client at once', async ({ prisma: db, conn, tag }) => {
  const lookup = createTokenLookup(conn);
  const hash = `hash-${tag}`;
  const row = await db.apiToken.create({ data: { name: 'ci', prefix: 'slt_abcdef', secretHash: hash, role: 'operator', scopes: 'api,deploy' } });
  expect(await lookup(hash)).toEqual({ id: row.id, name: 'ci', role: 'operator', scopes: 'api,deploy', revoked: false, lastUsedMs: null });
  expect(await lookup(`${hash}-unknown`)).toBeNull();

  const used = new Date('2026-03-01T12:34:56.789Z');
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: used } });
  expect((await lookup(hash))?.lastUsedMs).toBe(used.getTime());

  await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  expect((await lookup(hash))?.revoked).toBe(true);
});
