'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

/** Email/password sign-in, plus single sign-on when an OIDC provider is configured. */
export function SignInForm({ callbackUrl, credentials, oidc, error }: { callbackUrl: string; credentials: boolean; oidc: { name: string } | null; error: string | null }) {
  const [pending, setPending] = useState(false);
  const ready = useHydrated();
  return (
    <div className="flex flex-col gap-3">
      {error && <p role="alert" className="rounded border border-[var(--bad)] p-2 text-[var(--bad)]">{error}</p>}
      {credentials && (
        <form
          className="flex flex-col gap-3"
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            setPending(true);
            void signIn('credentials', { email: String(data.get('email')), password: String(data.get('password')), callbackUrl });
          }}
        >
          <label className="flex flex-col gap-1">Email<input name="email" type="email" autoComplete="username" required className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1.5" /></label>
          <label className="flex flex-col gap-1">Password<input name="password" type="password" autoComplete="current-password" required className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1.5" /></label>
          <button type="submit" disabled={pending || !ready} className="rounded bg-[var(--accent)] px-3 py-1.5 font-medium text-white disabled:opacity-60">{pending ? 'Signing in…' : 'Sign in'}</button>
        </form>
      )}
      {oidc && (
        <button type="button" onClick={() => void signIn('oidc', { callbackUrl })} className="rounded border border-[var(--border)] px-3 py-1.5">
          Sign in with {oidc.name}
        </button>
      )}
    </div>
  );
}
