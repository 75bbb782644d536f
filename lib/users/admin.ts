import 'server-only';
import { z } from 'zod';
import { AppError, notFound } from '@/lib/api/errors';
import { hashPassword } from '@/lib/auth/password';
import { forgetPrincipals } from '@/lib/auth/principal-cache';
import { getDb, type Db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { ROLES, type Role } from '@/lib/env';

/** Administration of users: list, create with a password, change role. Every change is audited. */

export const CreateUserSchema = z.object({
  email: z.email().max(200).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string().min(12, 'must be at least 12 characters').max(200),
});

export const UpdateUserSchema = z.object({ role: z.enum(ROLES) });

export interface UserInfo {
  id: string;
  email: string;
  name: string;
  role: Role;
  signIn: 'password' | 'sso';
  createdAt: string;
  lastLoginAt: string | null;
}

type Row = { id: string; email: string; name: string; role: string; passwordHash: string | null; createdAt: Date; lastLoginAt: Date | null };
const toInfo = (u: Row): UserInfo => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'viewer',
  signIn: u.passwordHash ? 'password' : 'sso',
  createdAt: u.createdAt.toISOString(),
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
});

/** Every user, by email. */
export async function listUsers(): Promise<UserInfo[]> {
  const db = await getDb();
  return (await db.user.findMany({ orderBy: { email: 'asc' } })).map(toInfo);
}

/** Creates a password user; 409 when the email is taken. */
export async function createUser(input: z.infer<typeof CreateUserSchema>, actor: string): Promise<UserInfo> {
  const db = await getDb();
  if (await db.user.findUnique({ where: { email: input.email } })) throw new AppError('CONFLICT', `a user with email ${input.email} already exists`);
  const row = await db.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) } });
  await recordAudit({ actor, action: 'user.create', target: row.id, details: { email: row.email, role: row.role } });
  return toInfo(row);
}

/** A transaction's client: the database client without transaction control. */
type DbTx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Runs `change` on user `id` inside one transaction that never leaves Sightline without an admin
 * (nobody could then manage users or tokens): when the change takes the admin role away from `id`
 * (a demotion; also what deleting or disabling a user must go through) and no other admin remains,
 * it answers 409 and writes nothing. The check and the write are atomic on both databases: the first
 * statement rewrites every admin row unchanged, which locks those rows on PostgreSQL (a concurrent
 * demotion waits, then counts what this one committed) and takes SQLite's single write lock.
 */
async function changeKeepingAnAdmin<T>(db: Db, id: string, removesAdmin: boolean, change: (tx: DbTx, user: Row) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (removesAdmin) await tx.$executeRaw`UPDATE "User" SET "role" = 'admin' WHERE "role" = 'admin'`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('user', id);
    if (removesAdmin && user.role === 'admin' && (await tx.user.count({ where: { role: 'admin', id: { not: id } } })) === 0) {
      throw new AppError('CONFLICT', 'at least one admin must remain: make another user admin first');
    }
    return change(tx, user);
  });
}

/**
 * Changes a user's role in `db`; returns the role before and the user after. Whoever asks (a session
 * or an API token), the last admin cannot be demoted; an admin cannot demote themselves either
 * (there must always be someone to undo it).
 */
export async function changeUserRole(db: Db, id: string, role: Role, actor: { id: string }): Promise<{ from: string; user: UserInfo }> {
  if (id === actor.id && role !== 'admin') throw new AppError('INVALID_INPUT', 'you cannot remove your own admin role; ask another admin');
  return changeKeepingAnAdmin(db, id, role !== 'admin', async (tx, user) => ({
    from: user.role,
    user: toInfo(await tx.user.update({ where: { id }, data: { role } })),
  }));
}

/** Changes a user's role (see changeUserRole), effective at once, and audits it. */
export async function setUserRole(id: string, role: Role, actor: { id: string; name: string }): Promise<UserInfo> {
  const { from, user } = await changeUserRole(await getDb(), id, role, actor);
  forgetPrincipals(); // effective at once on this instance; within PRINCIPAL_CACHE_MS on others
  await recordAudit({ actor: actor.name, action: 'user.role', target: id, details: { from, to: role } });
  return user;
}
