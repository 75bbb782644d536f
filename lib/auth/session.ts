import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Role } from '@/lib/env';
import { hasRole, type Principal } from './principal';
import { principalFromSessionToken, readSessionCookie } from './authenticate';

/** The signed-in user of the current page request, or null. */
export async function currentUser(): Promise<Principal | null> {
  const jar = await cookies();
  const token = readSessionCookie(jar.toString());
  return token ? principalFromSessionToken(token) : null;
}

/** For pages: the signed-in user (redirecting to sign-in when there is none) and whether they hold `role`. */
export async function requirePageRole(role: Role): Promise<{ user: Principal; allowed: boolean }> {
  const user = await currentUser();
  if (!user) {
    const h = await headers();
    const path = h.get('x-sightline-path') ?? '/';
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  return { user, allowed: hasRole(user.role, role) };
}
