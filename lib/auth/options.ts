import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { getDb } from '@/lib/db/client';
import { authSecret, env, ROLES, toRole, type Role } from '@/lib/env';
import { redirectWithinSite } from './callback-path';
import { authorizeCredentials, type CredentialsDeps } from './credentials';
import { verifyPassword } from './password';
import { signInFailureStore } from './sign-in-failure-store';
import { createSignInThrottle } from './sign-in-throttle';

/** next-auth configuration: credentials for the embedded default, generic OIDC for real deployments. */

/** What the credentials provider checks passwords with: the database, scrypt and the throttle (its failures are in the database, shared by every instance). */
async function credentialsDeps(): Promise<CredentialsDeps> {
  return {
    findUser: async (email) => (await getDb()).user.findUnique({ where: { email } }),
    verifyPassword,
    recordLogin: async (id) => {
      await (await getDb()).user.update({ where: { id }, data: { lastLoginAt: new Date() } });
    },
    throttle: createSignInThrottle(await signInFailureStore()),
  };
}


/** Reads the role from an OIDC claim (a string, or an array of which the highest known role wins); null when it names none. */
export function roleFromClaim(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : [claim];
  const known = values.filter((v): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v));
  return known.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0] ?? null;
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
      // email_verified: false means the provider lets users type any address; such an email must not
      // match a Sightline user (it would take over that user's role and audit identity).
      return { id: String(profile.sub ?? email), email, name: String(profile.name ?? email), role: roleFromClaim(profile[e.OIDC_ROLE_CLAIM]), emailVerified: profile.email_verified !== false };
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
        authorize: async (raw, req) => authorizeCredentials(raw, req.headers, await credentialsDeps()),
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
      // After sign-in or sign-out only a path of this site is followed, by the sign-in page's rule (lib/auth/callback-path.ts).
      redirect: async (params) => redirectWithinSite(params),
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return '/signin?error=OidcNoEmail';
        const oidcUser = user as { role?: Role | null; emailVerified?: boolean };
        if (oidcUser.emailVerified === false) return '/signin?error=OidcEmailUnverified';
        // OIDC users are mirrored into the database so roles and audit events have a stable id.
        const db = await getDb();
        const email = user.email.toLowerCase();
        // The provider's role claim, when it sends one, is the source of truth; without one the user
        // keeps the role they have here (an admin may have changed it), and a first sign-in gets the default.
        const claimed = oidcUser.role ?? null;
        const name = user.name ?? user.email;
        const row = await db.user.upsert({
          where: { email },
          update: { name, lastLoginAt: new Date(), ...(claimed ? { role: claimed } : {}) },
          create: { email, name, role: claimed ?? e.OIDC_DEFAULT_ROLE, lastLoginAt: new Date() },
        });
        user.id = row.id;
        oidcUser.role = toRole(row.role, e.OIDC_DEFAULT_ROLE);
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
