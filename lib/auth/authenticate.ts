import 'server-only';
import { decode } from 'next-auth/jwt';
import { getDb } from '@/lib/db/client';
import { authSecret, ROLES, type Role } from '@/lib/env';
import type { Principal } from './principal';
import { hashCredential, rememberPrincipal } from './principal-cache';
import { verifyToken } from './tokens';

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** A cookie value percent-decoded, or null when it is not valid percent-encoding. */
function decodeCookieValue(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const isSessionCookieName = (name: string) => SESSION_COOKIES.some((s) => name === s || (name.startsWith(`${s}.`) && /^\d+$/.test(name.slice(s.length + 1))));

/**
 * Reads next-auth's session cookie (possibly chunked into name.0, name.1, …) from a Cookie header.
 * Only the session cookies are decoded: another site cookie with a stray `%` must not fail the
 * request, and a session cookie that is not valid percent-encoding counts as absent.
 */
export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    const name = part.slice(0, i).trim();
    if (i > 0 && isSessionCookieName(name)) jar.set(name, part.slice(i + 1).trim());
  }
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name);
    if (whole) {
      const value = decodeCookieValue(whole);
      if (value) return value;
      continue;
    }
    const chunks: (string | null)[] = [];
    for (let n = 0; jar.has(`${name}.${n}`); n++) chunks.push(decodeCookieValue(jar.get(`${name}.${n}`) ?? ''));
    if (chunks.length && chunks.every((c) => c !== null)) return chunks.join('');
  }
  return null;
}

async function resolveSessionToken(sessionToken: string): Promise<{ principal: Principal; expiresAtMs?: number } | null> {
  const jwt = await decode({ token: sessionToken, secret: authSecret() }).catch(() => null);
  if (!jwt?.sub) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: jwt.sub } });
  if (!user) return null;
  const role = (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : 'viewer';
  return { principal: { kind: 'user', id: user.id, name: user.email, role, scopes: [] }, expiresAtMs: typeof jwt.exp === 'number' ? jwt.exp * 1000 : undefined };
}

/**
 * Resolves the user of a session token. The role is read from the database, then reused for at
 * most PRINCIPAL_CACHE_MS (5 s) and never past the session's expiry.
 */
export function principalFromSessionToken(sessionToken: string): Promise<Principal | null> {
  return rememberPrincipal(`session:${hashCredential(sessionToken)}`, () => resolveSessionToken(sessionToken));
}

/** Resolves the caller from `Authorization: Bearer <token>` or the session cookie; null when neither is valid. */
export async function authenticateRequest(req: { headers: { get(name: string): string | null } }): Promise<Principal | null> {
  const authz = req.headers.get('authorization');
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    const secret = m?.[1];
    if (!secret) return null;
    // Tokens are checked against the database on every call, so a revocation (from any process or
    // instance) takes effect at once; machines are not latency-sensitive enough to trade that away.
    return verifyToken(secret);
  }
  const session = readSessionCookie(req.headers.get('cookie'));
  return session ? principalFromSessionToken(session) : null;
}
