import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { authSecret, env, ROLES, type Role } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { verifyPassword } from './password';

/** next-auth configuration: credentials for the embedded default, generic OIDC for real deployments. */

const CredentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

const toRole = (v: unknown, fallback: Role): Role => (typeof v === 'string' && (ROLES as readonly string[]).includes(v) ? (v as Role) : fallback);

/** Reads the role from an OIDC claim (a string, or an array of which the highest known role wins). */
export function roleFromClaim(claim: unknown, fallback: Role): Role {
  const values = Array.isArray(claim) ? claim : [claim];
  const known = values.map((v) => toRole(v, fallback)).filter((r, i) => values[i] === r);
  return known.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0] ?? fallback;
}

function oidcProvider(): OAuthConfig<Record<string, unknown>> | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    id: 'oidc',
    name: e.OIDC_DISPLAY_NAME,
    type: 'oauth',
    wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile) {
      const email = String(profile.email ?? '');
      return { id: String(profile.sub ?? email), email, name: String(profile.name ?? email), role: roleFromClaim(profile[e.OIDC_ROLE_CLAIM], e.OIDC_DEFAULT_ROLE) };
    },
  };
}

/** The next-auth options (built per call so tests can vary the environment). */
export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions['providers'] = [];
  if (e.AUTH_CREDENTIALS_ENABLED) {
    providers.push(
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = CredentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const db = await getDb();
          const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
          if (!user?.passwordHash || !(await verifyPassword(parsed.data.password, user.passwordHash))) {
            logger.warn('sign-in failed', { email: parsed.data.email });
            return null;
          }
          await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
          return { id: user.id, email: user.email, name: user.name, role: toRole(user.role, 'viewer') };
        },
      }),
    );
  }
  const oidc = oidcProvider();
  if (oidc) providers.push(oidc);

  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: e.SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: e.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return '/signin?error=OidcNoEmail';
        // OIDC users are mirrored into the database so roles and audit events have a stable id.
        const db = await getDb();
        const role = toRole((user as { role?: unknown }).role, e.OIDC_DEFAULT_ROLE);
        const row = await db.user.upsert({
          where: { email: user.email.toLowerCase() },
          update: { name: user.name ?? user.email, role, lastLoginAt: new Date() },
          create: { email: user.email.toLowerCase(), name: user.name ?? user.email, role, lastLoginAt: new Date() },
        });
        user.id = row.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = toRole((user as { role?: unknown }).role, 'viewer');
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? '', role: toRole(token.role, 'viewer') } };
      },
    },
  };
}
