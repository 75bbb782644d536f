import 'server-only';
import { getDb } from '@/lib/db/client';
import { DEMO_LOGINS } from './demo-logins';
import { hashPassword } from './password';

/** Creates or resets the demo users (password and role) in the configured database. */
export async function seedDemoUsers(): Promise<typeof DEMO_LOGINS> {
  const db = await getDb();
  for (const u of DEMO_LOGINS) {
    const passwordHash = await hashPassword(u.password);
    await db.user.upsert({ where: { email: u.email }, update: { name: u.name, role: u.role, passwordHash }, create: { email: u.email, name: u.name, role: u.role, passwordHash } });
  }
  return DEMO_LOGINS;
}
