import 'server-only';
import { decode } from 'next-auth/jwt';
import { getDb } from '@/lib/db/client';
import { authSecret, ROLES, type Role } from '@/lib/env';
import type { Principal } from './principal';
import { verifyToken } from './tokens';

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** Reads next-auth's session cookie (possibly chunked into name.0, name.1, …) from a Cookie header. */
export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let n = 0; jar.has(`${name}.${n}`); n++) chunks.push(jar.get(`${name}.${n}`) ?? '');
    if (chunks.length) return chunks.join('');
  }
  return null;
}

/** Resolves the user of a session token; the role is read fresh from the database on every call. */
export async function principalFromSessionToken(sessionToken: string): Promise<Principal | null> {
  const jwt = await decode({ token: sessionToken, secret: authSecret() }).catch(() => null);
  if (!jwt?.sub) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: jwt.sub } });
  if (!user) return null;
  const role = (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : 'viewer';
  return { kind: 'user', id: user.id, name: user.email, role, scopes: [] };
}

/** Resolves the caller from `Authorization: Bearer <token>` or the session cookie; null when neither is valid. */
export async function authenticateRequest(req: Request): Promise<Principal | null> {
  const authz = req.headers.get('authorization');
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    return m?.[1] ? verifyToken(m[1]) : null;
  }
  const session = readSessionCookie(req.headers.get('cookie'));
  return session ? principalFromSessionToken(session) : null;
}
