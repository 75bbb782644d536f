import { describe, expect, it, vi } from 'vitest';
import { hashPassword } from './password';

// The credentials provider as next-auth runs it, over an in-memory user table and a spy on the
// password check (the real scrypt check underneath).
const users = vi.hoisted(() => new Map<string, { id: string; email: string; name: string; role: string; passwordHash: string | null }>());
const verify = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('@/lib/db/client', () => ({
  getDb: async () => ({
    user: {
      findUnique: async ({ where }: { where: { email: string } }) => users.get(where.email) ?? null,
      update: async ({ where }: { where: { id: string } }) => [...users.values()].find((u) => u.id === where.id),
    },
  }),
}));
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
