import { describe, expect, it, vi } from 'vitest';
import { hashPassword } from './password';

// The credentials provider as next-auth runs it, over an in-memory user table, in-memory sign-in
// failures and a spy on the password check (the real scrypt check underneath).
const users = vi.hoisted(() => new Map<string, { id: string; email: string; name: string; role: string; passwordHash: string | null }>());
const verify = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('@/lib/db/client', () => ({
  getDb: async () => ({
    user: {
      findUnique: async ({ where }: { where: { email: string } }) => users.get(where.email) ?? null,
      update: async ({ where }: { where: { id: string } }) => [...users.values()].find((u) => u.id === where.id),
      upsert: async ({ where, update, create }: { where: { email: string }; update: { role?: string }; create: { email: string; name: string; role: string } }) => {
        const row = users.get(where.email);
        const next = row ? { ...row, ...update } : { id: `u${users.size + 1}`, passwordHash: null, ...create };
        users.set(where.email, next);
        return next;
      },
    },
  }),
}));
// The throttle's failures in memory instead of the database (the store's SQL is tested in sign-in-throttle.int.test.ts).
vi.mock('./sign-in-failure-store', async () => {
  const { createMemorySignInFailureStore } = await import('@/lib/testing/memory-sign-in-failure-store');
  const store = createMemorySignInFailureStore();
  return { signInFailureStore: async () => store };
});
vi.mock('./password', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password')>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      verify.calls.push(stored);
      return real.verifyPassword(password, stored);
    },
  };
});

const { authOptions } = await import('./options');

users.set('known@example.com', { id: 'u1', email: 'known@example.com', name: 'Known', role: 'admin', passwordHash: await hashPassword('correct horse battery') });

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
function authorize(): Authorize {
  const provider = authOptions().providers.find((p) => p.id === 'credentials');
  // next-auth keeps the options a provider was built with under `options`; authorize is one of them.
  return (provider as unknown as { options: { authorize: Authorize } }).options.authorize;
}
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

describe('credentials sign-in', () => {
  it('checks a password for an unknown email too, so the answer takes as long as for a known one', async () => {
    verify.calls.length = 0;
    expect(await authorize()({ email: 'unknown@example.com', password: 'guess' }, from('192.0.2.1'))).toBeNull();
    expect(verify.calls).toHaveLength(1);
    expect(verify.calls[0]).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('refuses a sixth try within 5 minutes without checking it, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect(await authorize()({ email: 'known@example.com', password: `wrong ${i}` }, from('192.0.2.2'))).toBeNull();
    verify.calls.length = 0;
    await expect(authorize()({ email: 'Known@example.com', password: 'correct horse battery' }, from('192.0.2.3'))).rejects.toThrow('SignInThrottled');
    expect(verify.calls).toHaveLength(0);
  });
});

describe('next-auth redirect callback', () => {
  const redirect = (url: string) => {
    const cb = authOptions().callbacks?.redirect;
    if (!cb) throw new Error('no redirect callback: next-auth would use its default');
    return cb({ url, baseUrl: 'http://localhost:3000' });
  };
  it('follows a path of this site and nothing else', async () => {
    expect(await redirect('/d/checkout')).toBe('http://localhost:3000/d/checkout');
    expect(await redirect('/\\evil.example')).toBe('http://localhost:3000/dashboards');
    expect(await redirect('//evil.example')).toBe('http://localhost:3000/dashboards');
    expect(await redirect('https://evil.example/')).toBe('http://localhost:3000/dashboards');
  });
});

describe('OIDC roles', () => {
  it('reads the highest known role of a claim, or none', async () => {
    const { roleFromClaim } = await import('./options');
    expect(roleFromClaim('operator')).toBe('operator');
    expect(roleFromClaim(['viewer', 'admin', 'superuser'])).toBe('admin');
    expect(roleFromClaim(['superuser'])).toBeNull();
    expect(roleFromClaim(undefined)).toBeNull();
    expect(roleFromClaim(3)).toBeNull();
  });

  it('refuses an email the provider has not verified, and keeps a stored role when no claim comes', async () => {
    const signIn = authOptions().callbacks?.signIn as unknown as (p: { user: Record<string, unknown>; account: { provider: string } }) => Promise<string | boolean>;
    const unverified = { id: 's1', email: 'known@example.com', name: 'Mallory', role: null, emailVerified: false };
    expect(await signIn({ user: unverified, account: { provider: 'oidc' } })).toBe('/signin?error=OidcEmailUnverified');
    expect(users.get('known@example.com')?.role).toBe('admin');
    const verified = { id: 's2', email: 'Known@example.com', name: 'Known', role: null, emailVerified: true };
    expect(await signIn({ user: verified, account: { provider: 'oidc' } })).toBe(true);
    expect([users.get('known@example.com')?.role, verified.role, verified.id]).toEqual(['admin', 'admin', 'u1']);
    // A claim wins over the stored role; a first sign-in without one gets OIDC_DEFAULT_ROLE (viewer).
    const claimed = { id: 's3', email: 'known@example.com', name: 'Known', role: 'operator', emailVerified: true };
    expect(await signIn({ user: claimed, account: { provider: 'oidc' } })).toBe(true);
    expect(users.get('known@example.com')?.role).toBe('operator');
    const newcomer = { id: 's4', email: 'new@example.com', name: 'New', role: null, emailVerified: true };
    expect(await signIn({ user: newcomer, account: { provider: 'oidc' } })).toBe(true);
    expect([users.get('new@example.com')?.role, newcomer.role]).toEqual(['viewer', 'viewer']);
  });
});
