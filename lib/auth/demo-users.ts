import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/env';
import { hashPassword } from './password';

/** The demo logins `npm run demo` creates: one per role. Never created outside the demo and tests. */
export const DEMO_USERS: { email: string; name: string; role: Role; password: string }[] = [
  { email: 'viewer@sightline.local', name: 'Vera Viewer', role: 'viewer', password: 'viewer-demo-pass' },
  { email: 'operator@sightline.local', name: 'Omar Operator', role: 'operator', password: 'operator-demo-pass' },
  { email: 'developer@sightline.local', name: 'Dana Developer', role: 'developer', password: 'developer-demo-pass' },
  { email: 'admin@sightline.local', name: 'Ada Admin', role: 'admin', password: 'admin-demo-pass' },
];

/** Creates or resets the demo users (password and role) in the configured database. */
export async function seedDemoUsers(): Promise<typeof DEMO_USERS> {
  const db = await getDb();
  for (const u of DEMO_USERS) {
    const passwordHash = await hashPassword(u.password);
    await db.user.upsert({ where: { email: u.email }, update: { name: u.name, role: u.role, passwordHash }, create: { email: u.email, name: u.name, role: u.role, passwordHash } });
  }
  return DEMO_USERS;
}
