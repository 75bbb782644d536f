import 'server-only';
import { z } from 'zod';
import { toRole, type Role } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { SIGN_IN_THROTTLED, type SignInAttempt, type SignInThrottle } from './sign-in-throttle';

/**
 * Email-and-password sign-in (next-auth's credentials `authorize`). Unknown emails, SSO-only users
 * and wrong passwords answer alike and take alike long (one scrypt check each); repeated failures
 * are throttled per account and per client, counted in the database for every instance together
 * (lib/auth/sign-in-throttle.ts).
 */

const CredentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

/**
 * Checked when there is no stored hash to check against (unknown email, SSO-only user), so that the
 * answer takes as long as a wrong password does. Same parameters as lib/auth/password.ts; the hash
 * of a random password nobody knows, and the answer is refused whatever the check says.
 */
export const DUMMY_PASSWORD_HASH = 'scrypt$16384$8$1$KOmnsOZOXG26ewzXYbqapw$5XyT__MZ8ene-TTgGZkLvHpSy_dUFWOXajcr-waNe6A';

export interface CredentialsUser {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string | null;
}

export interface CredentialsDeps {
  /** The user with this (lowercase) email, or null. */
  findUser(email: string): Promise<CredentialsUser | null>;
  verifyPassword(password: string, stored: string): Promise<boolean>;
  /** Notes a successful sign-in (lastLoginAt). */
  recordLogin(userId: string): Promise<void>;
  throttle: SignInThrottle;
}

/**
 * The client's address as next-auth passes the request headers. Sightline trusts no proxy header
 * elsewhere; Next sets x-forwarded-for to the socket's address when the request has none, and the
 * last entry is the one the nearest hop (Next's socket, or a proxy that appends) wrote.
 */
export function clientAddressOf(headers: Record<string, unknown> | undefined): string | null {
  const xff = headers?.['x-forwarded-for'];
  const value = Array.isArray(xff) ? xff.join(',') : typeof xff === 'string' ? xff : '';
  const last = value.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last ? last.slice(0, 100) : null;
}


/**
 * Checks an email and password. Null for a mismatch (next-auth shows CredentialsSignin); throws an
 * Error whose message is a SIGN_IN_THROTTLED code while the account or client is throttled.
 */
export async function authorizeCredentials(raw: unknown, headers: Record<string, unknown> | undefined, deps: CredentialsDeps): Promise<{ id: string; email: string; name: string; role: Role } | null> {
  const parsed = CredentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const attempt: SignInAttempt = { email: parsed.data.email.toLowerCase(), client: clientAddressOf(headers) };
  // Counted as a failure until the password proves right (recordSuccess takes it back).
  const admission = await deps.throttle.admit(attempt);
  if (!admission.admitted) {
    logger.warn('sign-in throttled', { email: attempt.email, client: attempt.client, by: admission.by, retryAfterSeconds: Math.ceil(admission.retryAfterMs / 1000) });
    // next-auth sends the browser to /signin?error=<message>.
    throw new Error(SIGN_IN_THROTTLED[admission.by]);
  }
  const user = await deps.findUser(attempt.email);
  const matches = await deps.verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user?.passwordHash || !matches) {
    logger.warn('sign-in failed', { email: parsed.data.email, client: attempt.client });
    return null;
  }
  await deps.throttle.recordSuccess(attempt, admission.attempt);
  await deps.recordLogin(user.id);
  return { id: user.id, email: user.email, name: user.name, role: toRole(user.role, 'viewer') };
}
