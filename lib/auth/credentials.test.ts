import { describe, expect, it, vi } from 'vitest';
import { createMemorySignInFailureStore } from '@/lib/testing/memory-sign-in-failure-store';
import { authorizeCredentials, clientAddressOf, DUMMY_PASSWORD_HASH, type CredentialsDeps, type CredentialsUser } from './credentials';
import { hashPassword, verifyPassword } from './password';
import { ACCOUNT_FAILURE_LIMIT, createSignInThrottle, SIGN_IN_THROTTLED } from './sign-in-throttle';

const ann: CredentialsUser = { id: 'u-ann', email: 'ann@example.com', name: 'Ann', role: 'developer', passwordHash: await hashPassword('correct horse battery') };
const sso: CredentialsUser = { id: 'u-sso', email: 'sso@example.com', name: 'Sso', role: 'viewer', passwordHash: null };

function deps(check: CredentialsDeps['verifyPassword'] = verifyPassword) {
  const users = new Map([ann, sso].map((u) => [u.email, u]));
  return {
    findUser: vi.fn(async (email: string) => users.get(email) ?? null),
    verifyPassword: vi.fn(check),
    recordLogin: vi.fn(async () => undefined),
    throttle: createSignInThrottle(createMemorySignInFailureStore()),
  };
}
const headers = { 'x-forwarded-for': '203.0.113.7' };

describe('authorizeCredentials', () => {
  it('signs in with the right password', async () => {
    const d = deps();
    expect(await authorizeCredentials({ email: 'Ann@Example.com', password: 'correct horse battery' }, headers, d)).toEqual({ id: 'u-ann', email: 'ann@example.com', name: 'Ann', role: 'developer' });
    expect(d.recordLogin).toHaveBeenCalledWith('u-ann');
  });

  it('checks a password against the dummy hash for an unknown email or an SSO-only user, then refuses', async () => {
    const d = deps();
    expect(await authorizeCredentials({ email: 'nobody@example.com', password: 'correct horse battery' }, headers, d)).toBeNull();
    expect(d.verifyPassword).toHaveBeenLastCalledWith('correct horse battery', DUMMY_PASSWORD_HASH);
    expect(await authorizeCredentials({ email: 'sso@example.com', password: 'whatever' }, headers, d)).toBeNull();
    expect(d.verifyPassword).toHaveBeenLastCalledWith('whatever', DUMMY_PASSWORD_HASH);
    expect(d.verifyPassword).toHaveBeenCalledTimes(2);
  });

  it('refuses even when the dummy hash would match', async () => {
    const d = deps(async () => true);
    expect(await authorizeCredentials({ email: 'nobody@example.com', password: 'x' }, headers, d)).toBeNull();
  });

  it('after 5 wrong passwords refuses the account without checking the password, even the right one', async () => {
    const d = deps();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect(await authorizeCredentials({ email: 'ann@example.com', password: `wrong ${i}` }, headers, d)).toBeNull();
    d.verifyPassword.mockClear();
    await expect(authorizeCredentials({ email: 'ANN@example.com', password: 'correct horse battery' }, { 'x-forwarded-for': '198.51.100.1' }, d)).rejects.toThrow(SIGN_IN_THROTTLED.account);
    expect(d.verifyPassword).not.toHaveBeenCalled();
  });

  it('lets no more than the limit of wrong passwords through when they are sent together', async () => {
    // Each check takes a while, as scrypt does: every attempt arrives before the first is judged.
    const d = deps(async (password, stored) => (await new Promise((r) => setTimeout(r, 20)), verifyPassword(password, stored)));
    const together = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => authorizeCredentials({ email: 'ann@example.com', password: `guess ${i}` }, headers, d)));
    const checked = d.verifyPassword.mock.calls.length;
    expect(checked).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
    expect(together.filter((a) => a.status === 'rejected')).toHaveLength(12 - checked);
    // Attempts refused in the crowd are not failures: the account has exactly its 5 checks in all.
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await authorizeCredentials({ email: 'ann@example.com', password: `later ${i}` }, headers, d).catch(() => null);
    expect(d.verifyPassword).toHaveBeenCalledTimes(ACCOUNT_FAILURE_LIMIT);
  });

  it('does not count a right password against the client', async () => {
    const d = deps();
    for (let i = 0; i < 30; i++) expect(await authorizeCredentials({ email: 'ann@example.com', password: 'correct horse battery' }, headers, d)).not.toBeNull();
    expect(await authorizeCredentials({ email: 'nobody@example.com', password: 'x' }, headers, d)).toBeNull();
  });

  it('throttles unknown emails as it does known ones, so throttling does not tell them apart', async () => {
    const d = deps();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await authorizeCredentials({ email: 'nobody@example.com', password: 'x' }, headers, d);
    await expect(authorizeCredentials({ email: 'nobody@example.com', password: 'x' }, headers, d)).rejects.toThrow(SIGN_IN_THROTTLED.account);
  });

  it('a success clears earlier failures of the account', async () => {
    const d = deps();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await authorizeCredentials({ email: 'ann@example.com', password: 'wrong' }, headers, d);
    expect(await authorizeCredentials({ email: 'ann@example.com', password: 'correct horse battery' }, headers, d)).not.toBeNull();
    expect(await authorizeCredentials({ email: 'ann@example.com', password: 'wrong' }, headers, d)).toBeNull();
    expect(await authorizeCredentials({ email: 'ann@example.com', password: 'correct horse battery' }, headers, d)).not.toBeNull();
  });
});

describe('clientAddressOf', () => {
  it('reads the last x-forwarded-for entry (the nearest hop), or null', () => {
    expect(clientAddressOf({ 'x-forwarded-for': '127.0.0.1' })).toBe('127.0.0.1');
    expect(clientAddressOf({ 'x-forwarded-for': 'spoofed, 192.0.2.4 ' })).toBe('192.0.2.4');
    expect(clientAddressOf({})).toBeNull();
    expect(clientAddressOf(undefined)).toBeNull();
  });
});
