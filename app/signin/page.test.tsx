import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@/lib/auth/principal';

const session = vi.hoisted(() => ({ user: null as Principal | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));
// Next's redirect() throws to stop rendering; so does this stand-in, with the target in its message.
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const { default: SignInPage } = await import('./page');

const render = async (searchParams: { callbackUrl?: string; error?: string }) =>
  renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve(searchParams) }));
const redirectOf = (searchParams: { callbackUrl?: string }) => render(searchParams).then(
  () => null,
  (err: unknown) => (err instanceof Error ? err.message : String(err)),
);

describe('sign-in page, already signed in', () => {
  beforeEach(() => {
    session.user = { kind: 'user', id: 'u1', name: 'dev@example.com', role: 'viewer', scopes: [] };
  });

  it.each(['/\\evil.example', '/\t/evil.example', '/\n/evil.example', '//evil.example', '/%09/evil.example', '/..//evil.example', 'https://evil.example'])(
    'does not follow the callback %j off the site',
    async (callbackUrl) => {
      expect(await redirectOf({ callbackUrl })).toBe('redirect:/dashboards');
    },
  );

  it('follows a same-site callback', async () => {
    expect(await redirectOf({ callbackUrl: '/d/checkout?from=now-1h' })).toBe('redirect:/d/checkout?from=now-1h');
  });
});

describe('sign-in page, signed out', () => {
  beforeEach(() => {
    session.user = null;
  });

  it('says why sign-in is refused while an account is throttled, and keeps the wrong-password message', async () => {
    expect(await render({ error: 'SignInThrottled' })).toContain('Too many failed sign-ins for this account. Try again in a few minutes.');
    expect(await render({ error: 'CredentialsSignin' })).toContain('That email and password do not match an account.');
  });

  it('shows the generic message for an unknown error code, also one named like an Object property', async () => {
    expect(await render({ error: 'constructor' })).toContain('Sign-in failed. Please try again.');
  });
});
