import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/layout/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { SIGN_IN_THROTTLED } from '@/lib/auth/sign-in-throttle';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata = { title: 'Sign in' };

// A Map, so that an error code named like an Object property ("constructor") is just an unknown code.
const ERRORS = new Map<string, string>([
  ['CredentialsSignin', 'That email and password do not match an account.'],
  ['OidcNoEmail', 'Your identity provider did not share an email address.'],
  ['OidcEmailUnverified', 'Your identity provider says your email address is not verified. Verify it there, then sign in again.'],
  ['SessionRequired', 'Please sign in to continue.'],
  [SIGN_IN_THROTTLED.account, 'Too many failed sign-ins for this account. Try again in a few minutes.'],
  [SIGN_IN_THROTTLED.client, 'Too many failed sign-ins from your network. Try again in a few minutes.'],
]);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const sp = await searchParams;
  // Only same-site paths are followed after sign-in.
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const e = env();
  const oidc = e.OIDC_ISSUER ? { name: e.OIDC_DISPLAY_NAME } : null;
  const error = sp.error ? (ERRORS.get(sp.error) ?? 'Sign-in failed. Please try again.') : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded border border-[var(--border)] bg-[var(--panel)] p-6">
        <h1 className="mb-1 text-xl font-semibold">Sign in to Sightline</h1>
        <p className="mb-4 text-[var(--muted)]">Dashboards, SLOs, traces and logs in one place.</p>
        <SignInForm callbackUrl={callbackUrl} credentials={e.AUTH_CREDENTIALS_ENABLED} oidc={oidc} error={error} />
      </div>
    </main>
  );
}
