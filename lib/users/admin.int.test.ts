import { expect } from 'vitest';
import { describeOnDatabases } from '@/lib/db/driver-test-databases';
import { changeUserRole } from './admin';

const lastAdmin = { code: 'CONFLICT', status: 409, message: expect.stringContaining('at least one admin must remain') };

// Role changes go through Prisma transactions; the rule (never zero admins) is checked on both
// databases Sightline runs on, with concurrent requests on PostgreSQL's connection pool.
describeOnDatabases('user administration', 'never leaves zero admins, whether an API token demotes every admin or two admins demote each other at once', async ({ prisma: db, tag }) => {
  // The rule is about the whole table: start with no admins but this test's.
  await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'viewer' } });
  const admin = (name: string) => db.user.create({ data: { email: `${name}-${tag}@example.com`, name, role: 'admin' } });
  const a = await admin('a');
  const b = await admin('b');
  const viewer = await db.user.create({ data: { email: `v-${tag}@example.com`, name: 'v', role: 'viewer' } });
  const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;

  // An admin API token is no user, so "you cannot demote yourself" never applies to it.
  const token = { id: `token-${tag}` };
  expect(await changeUserRole(db, a.id, 'viewer', token)).toMatchObject({ from: 'admin', user: { role: 'viewer' } });
  await expect(changeUserRole(db, b.id, 'operator', token)).rejects.toMatchObject(lastAdmin);
  expect(await roleOf(b.id)).toBe('admin');
  // Changes that keep an admin still go through.
  expect((await changeUserRole(db, viewer.id, 'operator', token)).user.role).toBe('operator');
  expect((await changeUserRole(db, a.id, 'admin', token)).user.role).toBe('admin');
  await expect(changeUserRole(db, `missing-${tag}`, 'viewer', token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(changeUserRole(db, b.id, 'viewer', { id: b.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

  // Two admins demote each other at the same moment: exactly one of them wins.
  for (let round = 0; round < 10; round++) {
    const results = await Promise.allSettled([changeUserRole(db, a.id, 'viewer', { id: b.id }), changeUserRole(db, b.id, 'viewer', { id: a.id })]);
    expect(results.filter((r) => r.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject(lastAdmin);
    expect(await db.user.count({ where: { role: 'admin' } }), `round ${round}`).toBe(1);
    await db.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { role: 'admin' } });
  }
});
